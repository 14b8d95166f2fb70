namespace OvsNet.Rpc;

/// <summary>
/// The request ids this connection cancelled, as sorted, disjoint runs of ids [first, last]. Request ids are assigned
/// in increasing order, so the cancelled ones mostly extend the last run and memory stays small; when more than
/// <see cref="MaxRuns"/> runs would be needed, the two runs with the smallest gap between them are merged. A merged gap
/// may cover ids that were answered normally, so a second (duplicate) reply to one of those is then dropped quietly
/// instead of being reported, which errs on keeping a healthy connection; a reply to any cancelled id is always
/// recognized, however many were cancelled.
/// </summary>
/// <remarks>Not thread-safe: <see cref="OvsdbMessageHandler"/> uses it under its lock.</remarks>
internal sealed class CancelledRequestIds
{
    /// <summary>The most runs kept (16 bytes each).</summary>
    internal const int MaxRuns = 1024;

    private readonly List<(long First, long Last)> runs = [];

    /// <summary>Gets the number of runs held (tests check the bound).</summary>
    internal int RunCount => this.runs.Count;

    /// <summary>Records <paramref name="id"/> as cancelled.</summary>
    public void Add(long id)
    {
        int index = this.FindFirstRunEndingAtOrAfter(id);
        if (index < this.runs.Count && this.runs[index].First <= id)
        {
            return; // Already inside a run.
        }

        bool joinsPrevious = index > 0 && this.runs[index - 1].Last == id - 1;
        bool joinsNext = index < this.runs.Count && this.runs[index].First == id + 1;
        if (joinsPrevious && joinsNext)
        {
            this.runs[index - 1] = (this.runs[index - 1].First, this.runs[index].Last);
            this.runs.RemoveAt(index);
        }
        else if (joinsPrevious)
        {
            this.runs[index - 1] = (this.runs[index - 1].First, id);
        }
        else if (joinsNext)
        {
            this.runs[index] = (id, this.runs[index].Last);
        }
        else
        {
            this.runs.Insert(index, (id, id));
            if (this.runs.Count > MaxRuns)
            {
                this.MergeClosestRuns();
            }
        }
    }

    /// <summary>True when <paramref name="id"/> lies in a recorded run.</summary>
    public bool Contains(long id)
    {
        int index = this.FindFirstRunEndingAtOrAfter(id);
        return index < this.runs.Count && this.runs[index].First <= id;
    }

    /// <summary>Binary search: the index of the first run whose last id is at least <paramref name="id"/>.</summary>
    private int FindFirstRunEndingAtOrAfter(long id)
    {
        int low = 0, high = this.runs.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (this.runs[middle].Last < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void MergeClosestRuns()
    {
        int best = 0;
        long bestGap = long.MaxValue;
        for (int i = 0; i + 1 < this.runs.Count; i++)
        {
            long gap = this.runs[i + 1].First - this.runs[i].Last;
            if (gap < bestGap)
            {
                bestGap = gap;
                best = i;
            }
        }

        this.runs[best] = (this.runs[best].First, this.runs[best + 1].Last);
        this.runs.RemoveAt(best + 1);
    }
}
