using System.Collections.Concurrent;
using System.Diagnostics;

namespace OvsNet.TestSupport;

/// <summary>Records the stopped activities of some sources (an <see cref="ActivityListener"/>, process-global).</summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> stopped = new();

    /// <summary>Initializes a new instance of the <see cref="ActivityRecorder"/> class and starts listening.</summary>
    /// <param name="sourceNames">The activity sources recorded.</param>
    public ActivityRecorder(params string[] sourceNames)
    {
        this.listener = new ActivityListener
        {
            ShouldListenTo = source => sourceNames.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = this.stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(this.listener);
    }

    /// <summary>Gets the activities stopped so far.</summary>
    public IReadOnlyList<Activity> Stopped => [.. this.stopped];

    /// <inheritdoc/>
    public void Dispose() => this.listener.Dispose();
}
