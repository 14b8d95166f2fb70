using System.Text;

namespace OvsNet.Routing;

/// <summary>Linux interface-name rules (IFNAMSIZ = 16 with the terminating NUL).</summary>
internal static class InterfaceNames
{
    public const int MaxBytes = 15;

    public static void Validate(string? name, string parameter, bool allowNull = false)
    {
        if (name is null)
        {
            if (allowNull)
            {
                return;
            }

            throw new ArgumentNullException(parameter, "An interface name is required.");
        }

        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            throw new ArgumentException($"Interface name '{name}' must be 1 to {MaxBytes} bytes long (the kernel's IFNAMSIZ).", parameter);
        }

        if (name is "." or ".." || name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"Interface name '{name}' contains a character Linux does not allow ('/', ':', whitespace) or is '.'/'..'.", parameter);
        }
    }
}
