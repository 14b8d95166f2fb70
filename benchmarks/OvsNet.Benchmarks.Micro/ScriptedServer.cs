using System.Buffers;
using System.Text.Json;

namespace OvsNet.Benchmarks.Micro;

/// <summary>Answers echo with its params and other methods with a canned result per method; frames requests by brace depth.</summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly IReadOnlyDictionary<string, byte[]> results;
    private readonly Task loop;

    public ScriptedServer(Stream stream, IReadOnlyDictionary<string, byte[]> results)
    {
        this.stream = stream;
        this.results = results;
        this.loop = Task.Run(this.RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await this.stream.DisposeAsync();
        try
        {
            await this.loop;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
    }

    private async Task RunAsync()
    {
        byte[] buffer = new byte[1 << 16];
        int filled = 0, depth = 0, frameStart = 0;
        bool inString = false, escaped = false;
        var replies = new ArrayBufferWriter<byte>(1 << 16);
        while (true)
        {
            int read = await this.stream.ReadAsync(buffer.AsMemory(filled));
            if (read == 0)
            {
                return;
            }

            int scanFrom = filled;
            filled += read;
            int consumed = 0;
            for (int i = scanFrom; i < filled; i++)
            {
                byte b = buffer[i];
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == '\\')
                    {
                        escaped = true;
                    }
                    else if (b == '"')
                    {
                        inString = false;
                    }
                }
                else if (b == '"')
                {
                    inString = true;
                }
                else if (b == '{')
                {
                    if (depth++ == 0)
                    {
                        frameStart = i;
                    }
                }
                else if (b == '}' && --depth == 0)
                {
                    this.Answer(buffer.AsSpan(frameStart, i + 1 - frameStart), replies);
                    consumed = i + 1;
                }
            }

            if (replies.WrittenCount > 0)
            {
                await this.stream.WriteAsync(replies.WrittenMemory);
                await this.stream.FlushAsync();
                replies.ResetWrittenCount();
            }

            // Keep the unconsumed tail (a partial request) at the start of the buffer.
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            frameStart -= consumed;
            filled -= consumed;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private void Answer(ReadOnlySpan<byte> request, ArrayBufferWriter<byte> replies)
    {
        var reader = new Utf8JsonReader(request);
        long? id = null;
        string? method = null;
        while (reader.Read() && (id is null || method is null))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
                    if (id is null)
                    {
                        return; // a notification (cancel) or our own echo reply: nothing to answer
                    }
                }
                else if (reader.ValueTextEquals("method"u8))
                {
                    reader.Read();
                    method = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        using var writer = new Utf8JsonWriter(replies);
        writer.WriteStartObject();
        writer.WriteNumber("id", id!.Value);
        writer.WritePropertyName("result");
        if (method == "echo")
        {
            writer.WriteStartArray();
            writer.WriteStringValue("ovsnet");
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteRawValue(this.results[method!], skipInputValidation: true);
        }

        writer.WriteNull("error");
        writer.WriteEndObject();
    }
}
