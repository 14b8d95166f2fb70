using System.Text.Json;

namespace OvsNet.Protocol.Tests;

/// <summary>Text that the wire would change (a lone surrogate becomes U+FFFD) or ovsdb-server refuses (NUL) is refused wherever it enters a message.</summary>
public class StringValidationTests
{
    // By case name: xUnit's test-case serialization would itself turn a lone surrogate into U+FFFD.
    private static readonly Dictionary<string, (string Value, int Index)> InvalidCases = new()
    {
        ["high surrogate at the end"] = ("bad\ud800", 3),
        ["low surrogate first"] = ("\udc00x", 0),
        ["pair in the wrong order"] = ("a\udc00\ud800b", 1),
        ["high surrogate before a letter"] = ("x\ud83dy", 1),
        ["NUL"] = ("nul\0here", 3),
        ["surrogate before NUL"] = ("\ud800\0", 0),
        ["NUL before surrogate"] = ("\0\ud800", 0),
    };

    public static TheoryData<string> Invalid => new(InvalidCases.Keys);

    [Theory]
    [MemberData(nameof(Invalid))]
    public void String_atoms_refuse_lone_surrogates_and_nul_and_name_the_position(string name)
    {
        (string value, int index) = InvalidCases[name];
        Assert.False(OvsdbAtom.IsValidString(value));
        Assert.Equal(index, OvsdbAtom.IndexOfInvalidCharacter(value));
        ArgumentException e = Assert.Throws<ArgumentException>(() => OvsdbAtom.String(value));
        Assert.Contains($"at index {index}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (OvsdbValue)value);
    }

    [Fact]
    public void Well_formed_text_is_kept_exactly()
    {
        foreach (string value in new[] { "", "plain", "caf\u00e9 \u00a0\u4e2d", "pair \ud83d\ude00 end", "\ud83d\ude00", "\U0010FFFF" })
        {
            Assert.True(OvsdbAtom.IsValidString(value), value);
            OvsdbAtom atom = OvsdbAtom.String(value);
            string json = JsonSerializer.Serialize(atom);
            Assert.Equal(value, JsonSerializer.Deserialize<OvsdbAtom>(json).AsString());
        }
    }

    [Fact]
    public void Every_path_into_a_value_or_a_name_refuses_invalid_text()
    {
        const string bad = "bad\ud800";
        Action[] paths =
        [
            () => OvsdbSet.Of("ok", bad),
            () => OvsdbMap.FromStrings([new(bad, "v")]),
            () => OvsdbMap.FromStrings([new("k", bad)]),
            () => _ = new OvsdbRow([new(bad, 1)]),
            () => OvsdbRow.Empty.With(bad, 1),
            () => OvsdbCondition.Equal(bad, 1),
            () => OvsdbCondition.Equal("name", bad),
            () => _ = new OvsdbMutation(bad, Mutator.Insert, 1),
            () => _ = new InsertOperation(bad, OvsdbRow.Empty),
            () => _ = new SelectOperation("Bridge", [], ["name", bad]),
            () => _ = new CommentOperation("nul\0"),
            () => _ = new AssertOperation(bad),
        ];
        for (int i = 0; i < paths.Length; i++)
        {
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(paths[i]);
            Assert.Contains("index", e.Message, StringComparison.Ordinal);
        }
    }
}
