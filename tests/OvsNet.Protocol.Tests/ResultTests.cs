using System.Text.Json;

namespace OvsNet.Protocol.Tests;

public class ResultTests
{
    private static readonly JsonElement Captured = TestData.Capture("transact_results.json");

    private static OvsdbTransactResult Parse(string name)
    {
        JsonElement entry = Captured.GetProperty(name);
        return OvsdbTransactResult.Parse(entry.GetProperty("reply").GetProperty("result"), entry.GetProperty("ops").GetArrayLength());
    }

    [Fact]
    public void Success_has_one_result_per_operation()
    {
        OvsdbTransactResult result = Parse("success_insert_select_update_mutate_delete");
        Assert.True(result.Succeeded);
        Assert.Null(result.FailedIndex);
        Assert.Null(result.CommitError);
        Assert.Equal(9, result.Results.Count);
        Assert.NotNull(result.Results[0]!.Uuid);
        Assert.Equal(OvsdbUuid.Parse("5c7a58c4-8a3b-4a66-9b7c-2d2b1c0f0a11"), result.Results[1]!.Uuid);
        Assert.Equal(2, result.Results[2]!.Rows!.Count);
        Assert.Equal("one", result.Results[2]!.Rows![0]["s"].AsAtom().AsString());
        Assert.Equal(1, result.Results[3]!.Count);
        Assert.Same(OvsdbOperationResult.Empty, result.Results[5]); // wait returns {}
        Assert.Equal(2, result.Results[7]!.Count);
    }

    [Theory]
    [InlineData("constraint_violation_range", 0, OvsdbErrorKind.ConstraintViolation, "5000 is not in the valid range 0 to 4095 (inclusive)")]
    [InlineData("constraint_violation_enum", 0, OvsdbErrorKind.ConstraintViolation, "bogus is not one of the allowed values")]
    [InlineData("duplicate_uuid_name", 1, OvsdbErrorKind.DuplicateUuidName, "uuid-name")]
    [InlineData("wait_timed_out", 0, OvsdbErrorKind.TimedOut, "\"where\" clause test failed")]
    [InlineData("abort", 1, OvsdbErrorKind.Aborted, "aborted by request")]
    [InlineData("assert_not_owner", 0, OvsdbErrorKind.NotOwner, "not held")]
    [InlineData("unknown_column", 0, OvsdbErrorKind.SyntaxError, "no_such_column")]
    [InlineData("unknown_table", 1, OvsdbErrorKind.SyntaxError, "Parsing ovsdb operation 2 of 2 failed")]
    [InlineData("immutable_column", 0, OvsdbErrorKind.ConstraintViolation, "immutable column")]
    [InlineData("domain_error", 1, OvsdbErrorKind.DomainError, "Division by zero")]
    [InlineData("range_error", 1, OvsdbErrorKind.RangeError, "out of range")]
    [InlineData("duplicate_set_element", 0, OvsdbErrorKind.OvsdbError, "set contains duplicate")]
    [InlineData("duplicate_uuid", 1, OvsdbErrorKind.DuplicateUuid, "duplicate a UUID")]
    public void Operation_errors_are_at_the_failing_index_and_later_results_are_null(string name, int index, OvsdbErrorKind kind, string details)
    {
        OvsdbTransactResult result = Parse(name);
        Assert.False(result.Succeeded);
        Assert.Equal(index, result.FailedIndex);
        Assert.Null(result.CommitError);
        OvsdbOperationResult error = result.Results[index]!;
        Assert.Same(error, result.Error);
        Assert.True(error.IsError);
        Assert.Equal(kind, error.ErrorKind);
        Assert.Contains(details, error.Details, StringComparison.Ordinal);
        Assert.All(result.Results.Skip(index + 1), Assert.Null);
        Assert.All(result.Results.Take(index), r => Assert.False(r!.IsError));
    }

    [Theory]
    [InlineData("referential_integrity_commit_error", OvsdbErrorKind.ReferentialIntegrityViolation, "references nonexistent row")]
    [InlineData("index_duplicate_commit_error", OvsdbErrorKind.ConstraintViolation, "identical values")]
    public void Commit_errors_are_the_trailing_extra_element(string name, OvsdbErrorKind kind, string details)
    {
        OvsdbTransactResult result = Parse(name);
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Results.Count);
        Assert.Equal(2, result.FailedIndex);
        Assert.All(result.Results, r => Assert.False(r!.IsError));
        Assert.NotNull(result.CommitError);
        Assert.Same(result.CommitError, result.Error);
        Assert.Equal(kind, result.CommitError.ErrorKind);
        Assert.Contains(details, result.CommitError.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_member_is_kept()
    {
        OvsdbOperationResult error = Parse("duplicate_uuid_name").Error!;
        Assert.Equal("\"a\"", error.Syntax);
    }

    [Fact]
    public void Results_round_trip_through_the_serializer()
    {
        foreach (JsonProperty entry in Captured.EnumerateObject())
        {
            if (entry.Value.GetProperty("reply").TryGetProperty("result", out JsonElement result))
            {
                TestData.AssertJsonEqual(result.GetRawText(), JsonSerializer.Serialize(JsonSerializer.Deserialize<OvsdbTransactResult>(result.GetRawText())));
            }
        }
    }

    [Fact]
    public void Method_level_error_objects_parse_as_operation_results()
    {
        // {"error":{"error":"unknown database","details":..,"syntax":..}}: the same shape, which RPC errors use.
        JsonElement error = Captured.GetProperty("unknown_database").GetProperty("reply").GetProperty("error");
        OvsdbOperationResult parsed = error.Deserialize<OvsdbOperationResult>()!;
        Assert.Equal(OvsdbErrorKind.UnknownDatabase, parsed.ErrorKind);
        Assert.Contains("NoSuchDb", parsed.Details, StringComparison.Ordinal);
        Assert.Equal("unknown method", Captured.GetProperty("unknown_method").GetProperty("reply").GetProperty("error").GetString());
    }

    [Fact]
    public void Malformed_results_throw_JsonException()
    {
        using JsonDocument tooLong = JsonDocument.Parse("[{},{},{}]");
        Assert.Throws<JsonException>(() => OvsdbTransactResult.Parse(tooLong.RootElement, 1));
        using JsonDocument notArray = JsonDocument.Parse("{}");
        Assert.Throws<JsonException>(() => OvsdbTransactResult.Parse(notArray.RootElement, 0));
        using JsonDocument badCount = JsonDocument.Parse("[{\"count\":\"x\"}]");
        Assert.Throws<JsonException>(() => OvsdbTransactResult.Parse(badCount.RootElement, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OvsdbTransactResult.Parse(notArray.RootElement, -1));
    }
}
