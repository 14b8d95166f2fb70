namespace OvsNet.Generators.Model;

/// <summary>The five RFC 7047 atomic types.</summary>
internal enum AtomKind
{
    Integer,
    Real,
    Boolean,
    String,
    Uuid,
}
