using System.Globalization;

namespace Provisioner.Cli.Commands.Inventory;

/// <summary>Formats a double as Python's repr() does (1.0, 1e+16, 1e-05), so JSON output matches ansible-inventory byte for byte.</summary>
internal static class PythonFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0.0";
        }

        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        if (exponent is >= -4 and < 16)
        {
            if (exponent < 0)
            {
                return sign + "0." + new string('0', -exponent - 1) + digits;
            }

            var whole = digits.PadRight(exponent + 1, '0');
            var fraction = whole.Length > exponent + 1 ? whole[(exponent + 1)..] : "0";
            return sign + whole[..(exponent + 1)] + "." + fraction;
        }

        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    // Shortest round-trip digits (no leading/trailing zeros) and the power of ten of the first digit.
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int exponent;
        string digits;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            digits = text[..e].Replace(".", string.Empty, StringComparison.Ordinal);
        }
        else
        {
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var whole = dot < 0 ? text : text[..dot];
            var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
            if (whole != "0")
            {
                exponent = whole.Length - 1;
                digits = whole + fraction;
            }
            else
            {
                var zeros = fraction.Length - fraction.TrimStart('0').Length;
                exponent = -(zeros + 1);
                digits = fraction[zeros..];
            }
        }

        digits = digits.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, exponent);
    }
}
