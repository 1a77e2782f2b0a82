using Mono.Cecil;
using Mono.Cecil.Cil;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// Which folders of the experiments library and the CLI (namespaces under <c>AdaMomentumSharp.Experiments</c> and
/// <c>AdaMomentumSharp.Cli</c>) use which, read from the compiled assemblies: every type a type names in its signatures,
/// fields, locals and method bodies. Read from IL rather than from <c>using</c> lines, because code in one folder can
/// name another's types without one, by a partly qualified name such as <c>Runs.Protocol</c>.
/// </summary>
/// <remarks>
/// Constants are compiled into their users, so a use of another folder's <c>const</c> leaves no trace here; between the
/// library and the CLI the project reference catches it, within the library only review does.
/// </remarks>
internal static class FolderDependencies
{
    private static readonly string[] Roots = ["AdaMomentumSharp.Experiments", "AdaMomentumSharp.Cli"];

    /// <summary>One folder using another, with the type pairs that make the edge.</summary>
    public sealed record Edge(string From, string To, IReadOnlyCollection<string> Uses);

    /// <summary>Every edge between two different folders of the assemblies at <paramref name="paths"/>.</summary>
    public static IReadOnlyList<Edge> Of(params string[] paths)
    {
        var uses = new Dictionary<(string From, string To), SortedSet<string>>();
        foreach (string path in paths)
        {
            using var assembly = AssemblyDefinition.ReadAssembly(path);
            foreach (TypeDefinition type in assembly.MainModule.GetTypes())
            {
                foreach (TypeReference? used in NamedBy(type))
                {
                    Note(uses, type, used);
                }
            }
        }
        return [.. uses.OrderBy(e => e.Key.From).ThenBy(e => e.Key.To).Select(e => new Edge(e.Key.From, e.Key.To, e.Value))];
    }

    /// <summary>
    /// The folder of a type: its namespace below <c>AdaMomentumSharp.Experiments</c> or <c>AdaMomentumSharp.Cli</c>;
    /// the entry point is <c>Program</c>, and the few types at the library's root (<c>CsvFile</c>, <c>KeptScalars</c>,
    /// <c>OsReason</c>) are <c>(root)</c>, below every folder. Null for types of neither.
    /// </summary>
    public static string? FolderOf(TypeReference type)
    {
        TypeReference outer = Outermost(type);
        string ns = outer.Namespace;
        if (ns.Length == 0 && outer.Name == "Program")
        {
            return "Program"; // top-level statements compile to a global-namespace Program
        }
        if (ns == Roots[0])
        {
            return "(root)";
        }
        return Roots.FirstOrDefault(root => ns.StartsWith(root + ".", StringComparison.Ordinal)) is string under
            ? ns[(under.Length + 1)..]
            : null;
    }

    private static void Note(Dictionary<(string, string), SortedSet<string>> uses, TypeDefinition type, TypeReference? used)
    {
        if (used is null)
        {
            return;
        }
        if (used is GenericInstanceType generic)
        {
            foreach (TypeReference argument in generic.GenericArguments)
            {
                Note(uses, type, argument);
            }
        }
        if (used is TypeSpecification specification)
        {
            Note(uses, type, specification.ElementType);
            return;
        }
        if (FolderOf(type) is not string from || FolderOf(used) is not string to || from == to)
        {
            return;
        }
        if (!uses.TryGetValue((from, to), out SortedSet<string>? pairs))
        {
            uses[(from, to)] = pairs = [];
        }
        pairs.Add($"{Outermost(type).Name} → {Outermost(used).Name}");
    }

    private static IEnumerable<TypeReference?> NamedBy(TypeDefinition type)
    {
        yield return type.BaseType;
        foreach (InterfaceImplementation implemented in type.Interfaces)
        {
            yield return implemented.InterfaceType;
        }
        foreach (FieldDefinition field in type.Fields)
        {
            yield return field.FieldType;
        }
        foreach (PropertyDefinition property in type.Properties)
        {
            yield return property.PropertyType;
        }
        foreach (MethodDefinition method in type.Methods)
        {
            yield return method.ReturnType;
            foreach (ParameterDefinition parameter in method.Parameters)
            {
                yield return parameter.ParameterType;
            }
            if (!method.HasBody)
            {
                continue;
            }
            foreach (VariableDefinition local in method.Body.Variables)
            {
                yield return local.VariableType;
            }
            foreach (Instruction instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case MethodReference called:
                        yield return called.DeclaringType;
                        yield return called.ReturnType;
                        if (called is GenericInstanceMethod generic)
                        {
                            foreach (TypeReference argument in generic.GenericArguments)
                            {
                                yield return argument;
                            }
                        }
                        break;
                    case FieldReference field:
                        yield return field.DeclaringType;
                        break;
                    case TypeReference named:
                        yield return named;
                        break;
                }
            }
        }
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type;
    }
}
