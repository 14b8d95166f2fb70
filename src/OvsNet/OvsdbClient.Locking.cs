using System.Text.Json;

namespace OvsNet;

/// <content>Locks: <c>lock</c>, <c>steal</c>, <c>unlock</c> and the <c>locked</c>/<c>stolen</c> notifications.</content>
public sealed partial class OvsdbClient
{
    /// <summary>
    /// Asks for the named lock (<c>lock</c>, RFC 7047 §4.1.8). If another client owns it, this client is queued and the
    /// returned lock becomes owned later (<see cref="OvsdbLock.WaitUntilOwnedAsync"/>).
    /// </summary>
    /// <param name="name">The lock name (an RFC 7047 id).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lock; dispose it to unlock.</returns>
    /// <exception cref="InvalidOperationException">This client already has a handle for <paramref name="name"/>.</exception>
    public Task<OvsdbLock> LockAsync(string name, CancellationToken cancellationToken = default)
        => this.AcquireAsync("lock", name, cancellationToken);

    /// <summary>
    /// Takes the named lock at once (<c>steal</c>, RFC 7047 §4.1.10); the previous owner is told <c>stolen</c>.
    /// </summary>
    /// <param name="name">The lock name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lock, owned; dispose it to unlock.</returns>
    /// <exception cref="InvalidOperationException">This client already has a handle for <paramref name="name"/>.</exception>
    public Task<OvsdbLock> StealAsync(string name, CancellationToken cancellationToken = default)
        => this.AcquireAsync("steal", name, cancellationToken);

    private async Task<OvsdbLock> AcquireAsync(string method, string name, CancellationToken cancellationToken)
    {
        OvsdbNames.ThrowIfNotId(name, "lock", nameof(name));
        var handle = new OvsdbLock(this, name);

        // One handle per name and connection: the server rejects a second lock/steal before unlock.
        if (!this.Router.TryAddLock(name, handle))
        {
            throw new InvalidOperationException($"This client already holds or waits for lock '{name}'; unlock it first.");
        }

        try
        {
            JsonElement reply = await this.InvokeAsync(method, [name], cancellationToken).ConfigureAwait(false);
            if (reply.ValueKind != JsonValueKind.Object || !reply.TryGetProperty("locked", out JsonElement locked) || locked.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new OvsdbProtocolException($"{method} returned {reply.GetRawText()} instead of {{\"locked\":true|false}}.");
            }

            handle.OnReply(locked.GetBoolean());
            return handle;
        }
        catch
        {
            this.Router.RemoveLock(name, handle);
            throw;
        }
    }
}
