namespace OvsNet.Mapping;

/// <summary>
/// A column of the table modelled by <typeparamref name="TModel"/>, as generated models expose them in their nested
/// <c>Columns</c> class: the OVSDB name, used to choose columns for a partial update or a select.
/// </summary>
/// <typeparam name="TModel">The model.</typeparam>
public abstract class OvsdbColumn<TModel>
    where TModel : IOvsdbModel<TModel>
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbColumn{TModel}"/> class.</summary>
    /// <param name="name">The OVSDB column name.</param>
    protected OvsdbColumn(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.Name = name;
    }

    /// <summary>Gets the OVSDB column name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{TModel.TableName}.{this.Name}";
}
