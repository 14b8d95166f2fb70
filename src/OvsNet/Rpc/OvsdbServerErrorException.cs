using System.Text.Json;
using StreamJsonRpc;

namespace OvsNet.Rpc;

/// <summary>
/// Carries a server error out of JsonRpc (which requires a <see cref="RemoteRpcException"/>) to
/// <see cref="OvsdbRpcConnection"/>, which rethrows it as the public <see cref="OvsdbRpcException"/>.
/// </summary>
internal sealed class OvsdbServerErrorException : RemoteInvocationException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbServerErrorException"/> class.</summary>
    public OvsdbServerErrorException(string method, JsonElement error)
        : base($"{method}: {OvsdbServerError.Describe(error)}", (int)StreamJsonRpcSeam.ServerErrorCode, errorData: error)
    {
        this.Method = method;
        this.RawError = error;
    }

    /// <summary>Gets the method that failed.</summary>
    public string Method { get; }

    /// <summary>Gets the <c>error</c> member as received.</summary>
    public JsonElement RawError { get; }

    /// <summary>Converts to the public exception.</summary>
    public OvsdbRpcException ToPublic()
    {
        (string error, string? details) = OvsdbServerError.Read(this.RawError);
        return new OvsdbRpcException(this.Method, error, details, this.RawError.GetRawText());
    }
}
