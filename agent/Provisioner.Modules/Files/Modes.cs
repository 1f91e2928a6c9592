using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Files;

/// <summary>File modes as authors write them: octal ("0644", 644) or symbolic ("u=rw,g=r,o=", "a+X").</summary>
internal static class Modes
{
    /// <summary>The permission bits a mode argument asks for, given the current bits (symbolic modes are relative).</summary>
    public static int Resolve(string spec, int current, bool isDirectory)
    {
        if (spec.Length > 0 && spec.All(c => c is >= '0' and <= '7'))
        {
            return Convert.ToInt32(spec, 8) & 0xFFF;
        }

        var mode = current & 0xFFF;
        foreach (var clause in spec.Split(','))
        {
            mode = ApplyClause(spec, clause, mode, isDirectory);
        }

        return mode;
    }

    public static string Octal(int mode) => "0" + Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');

    private static int ApplyClause(string spec, string clause, int mode, bool isDirectory)
    {
        var op = clause.IndexOfAny(['=', '+', '-']);
        if (op < 0)
        {
            throw new ModuleException($"mode '{spec}': clause '{clause}' has no =, + or -");
        }

        var who = clause[..op];
        if (who.Length == 0 || who.Contains('a', StringComparison.Ordinal))
        {
            who = "ugo";
        }

        var perms = clause[(op + 1)..];
        if (perms.Any(c => c is '=' or '+' or '-'))
        {
            throw new ModuleException($"mode '{spec}': write one operator per clause, separated by commas ('u=rw,g+r')");
        }

        var anyExecute = isDirectory || (mode & 0b001_001_001) != 0;
        var bits = 0;
        var mask = 0;
        foreach (var w in who)
        {
            var shift = w switch
            {
                'u' => 6,
                'g' => 3,
                'o' => 0,
                _ => throw new ModuleException($"mode '{spec}': '{w}' is not one of u, g, o, a"),
            };
            mask |= 0b111 << shift;
            mask |= w switch { 'u' => 0x800, 'g' => 0x400, _ => 0x200 };
            foreach (var p in perms)
            {
                bits |= p switch
                {
                    'r' => 0b100 << shift,
                    'w' => 0b010 << shift,
                    'x' => 0b001 << shift,
                    'X' => anyExecute ? 0b001 << shift : 0,
                    's' => w switch { 'u' => 0x800, 'g' => 0x400, _ => 0 },
                    't' => w == 'o' ? 0x200 : 0,
                    _ => throw new ModuleException($"mode '{spec}': '{p}' is not one of r, w, x, X, s, t"),
                };
            }
        }

        return clause[op] switch
        {
            '=' => (mode & ~mask) | bits,
            '+' => mode | bits,
            _ => mode & ~bits,
        };
    }
}
