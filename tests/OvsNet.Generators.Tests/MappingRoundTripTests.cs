using OvsNet.Generators.Tests.Ovsdb.KitchenSink;
using OvsNet.Mapping;
using OvsNet.Protocol;
using OvsNet.Vswitch;

namespace OvsNet.Generators.Tests;

/// <summary>Typed rows survive ToRow/FromRow for every column kind, and the rows written are what OVSDB expects.</summary>
public class MappingRoundTripTests
{
    private static readonly OvsdbUuid PartA = OvsdbUuid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly OvsdbUuid PartB = OvsdbUuid.Parse("22222222-2222-2222-2222-222222222222");

    internal static Everything Full() => new()
    {
        Uuid = OvsdbUuid.Parse("33333333-3333-3333-3333-333333333333"),
        Name = "full",
        Count = 42,
        Ratio = 1.25,
        Enabled = true,
        AnyUuid = PartB,
        Owner = PartA,
        Mode = EverythingMode._8021q,
        OptString = "opt",
        OptInteger = -7,
        OptReal = 0.5,
        OptBoolean = false,
        OptUuid = PartA,
        OptRef = PartB,
        OptMode = EverythingOptMode.Only,
        Tags = ["a", "b"],
        Numbers = [1, 3],
        Reals = [0.25, 4],
        Flags = [true, false],
        Uuids = [PartA, PartB],
        Parts = [PartA, PartB],
        Modes = [EverythingModes.A, EverythingModes.B],
        OtherConfig = new Dictionary<string, string> { ["k1"] = "v1", ["k2"] = "v2" },
        Weights = new Dictionary<long, double> { [1] = 0.5, [2] = 1.5 },
        PartsBySlot = new Dictionary<long, OvsdbRef<Part>> { [0] = PartA, [7] = PartB },
        LevelByMode = new Dictionary<EverythingLevelByModeKey, bool> { [EverythingLevelByModeKey.Low] = false, [EverythingLevelByModeKey.High] = true },
        Class = "c",
        UuidColumn = "not the row uuid",
        EverythingColumn = 9,
        ColumnsColumn = 10,
    };

    [Fact]
    public void Every_column_kind_round_trips()
    {
        Everything original = Full();
        OvsdbRow row = original.ToRow(OvsdbRowScope.All).With(OvsdbRow.UuidColumn, original.Uuid);

        Everything read = Everything.FromRow(row);

        Assert.Equal(original, read);
        Assert.NotSame(original, read);
    }

    [Fact]
    public void Default_row_round_trips()
    {
        var original = new Everything();
        Assert.Equal(original, Everything.FromRow(original.ToRow(OvsdbRowScope.All)));
    }

    [Fact]
    public void Round_trip_detects_a_changed_value()
    {
        // Control: equality really compares collection contents, so the round-trip test can fail.
        Everything original = Full();
        Everything changed = original with { Parts = [PartA], OtherConfig = new Dictionary<string, string> { ["k1"] = "other" } };
        Assert.NotEqual(original, changed);
        Assert.NotEqual(original, original with { Tags = ["a", "c"] });
        Assert.Equal(original, original with { Tags = ["b", "a"] });
    }

    [Fact]
    public void Full_row_passes_the_generated_schema_validation()
    {
        Everything.TableSchema.ValidateRow(Full().ToRow(OvsdbRowScope.All), forInsert: true);
    }

    [Fact]
    public void Insert_row_has_only_non_default_columns()
    {
        OvsdbRow row = new Everything { Name = "n", Tags = ["t"], OptInteger = 0 }.ToRow();

        Assert.Equal(["name", "opt_integer", "tags"], row.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new OvsdbValue(OvsdbSet.Of(0L)), row["opt_integer"]);
        Assert.Equal(new OvsdbValue(OvsdbSet.Of("t")), row["tags"]);
    }

    [Fact]
    public void Update_row_has_every_mutable_column_and_no_immutable_one()
    {
        OvsdbRow row = Full().ToRow(OvsdbRowScope.Update);

        Assert.DoesNotContain("name", row.Keys);
        Assert.Equal(Everything.TableSchema.Columns.Count - 1, row.Count);
        Assert.Equal(new OvsdbValue(OvsdbMap.FromStrings([new("k1", "v1"), new("k2", "v2")])), row["other_config"]);
    }

    [Fact]
    public void Wire_values_use_the_ovsdb_forms()
    {
        OvsdbRow row = Full().ToRow(OvsdbRowScope.All);

        Assert.Equal(new OvsdbValue("802.1q"), row["mode"]);
        Assert.Equal(new OvsdbValue(OvsdbSet.Of(OvsdbAtom.Uuid(PartB))), row["opt_ref"]);
        Assert.Equal(new OvsdbValue(OvsdbSet.Empty), new Everything().ToRow(OvsdbRowScope.All)["opt_string"]);
    }

    [Fact]
    public void Named_uuid_references_are_written_as_named_uuids()
    {
        OvsdbRef<Part> named = new OvsdbNamedUuid("new_part");
        OvsdbRow row = new Everything { Parts = [named] }.ToRow();
        Assert.True(row["parts"].AsSet()[0].IsNamedUuid);
    }

    [Fact]
    public void Vswitch_bridge_round_trips()
    {
        var bridge = new Bridge
        {
            Uuid = OvsdbUuid.NewUuid(),
            Name = "br0",
            FailMode = BridgeFailMode.Secure,
            Protocols = [BridgeProtocols.OpenFlow13, BridgeProtocols.OpenFlow15],
            Ports = [OvsdbUuid.NewUuid()],
            ExternalIds = new Dictionary<string, string> { ["owner"] = "test" },
        };

        OvsdbRow row = bridge.ToRow(OvsdbRowScope.All).With(OvsdbRow.UuidColumn, bridge.Uuid);
        Assert.Equal(bridge, Bridge.FromRow(row));
        Bridge.TableSchema.ValidateRow(bridge.ToRow(), forInsert: true);
    }

    [Fact]
    public void A_hand_written_enum_maps_through_its_own_IOvsdbEnumMap()
    {
        Assert.Equal(OvsdbAtom.String("fast-path"), OvsdbAtomConvert.WriteEnum<Speed, SpeedMap>(Speed.Fast));
        Assert.Equal(Speed.Fast, OvsdbAtomConvert.ReadEnum<Speed, SpeedMap>(OvsdbAtom.String("fast-path")));
        Assert.Equal(default, OvsdbAtomConvert.ReadEnum<Speed, SpeedMap>(OvsdbAtom.String("warp")));
        Assert.Throws<ArgumentOutOfRangeException>(() => OvsdbAtomConvert.WriteEnum<Speed, SpeedMap>((Speed)9));
        Assert.Equal(new OvsdbValue(OvsdbSet.Of(OvsdbAtom.String("fast-path"))), OvsdbAtomConvert.WriteOptional<Speed>(Speed.Fast, OvsdbAtomConvert.WriteEnum<Speed, SpeedMap>));
    }

    internal enum Speed
    {
        None,
        Fast,
    }

    internal sealed class SpeedMap : IOvsdbEnumMap<Speed>
    {
        public static string? ToWire(Speed value) => value == Speed.Fast ? "fast-path" : null;

        public static bool TryParse(string? wire, out Speed value)
        {
            value = wire == "fast-path" ? Speed.Fast : Speed.None;
            return value == Speed.Fast;
        }
    }
}
