using System.Globalization;
using System.Text;
using AdaMomentumSharp.Files;
using CsvHelper;
using CsvHelper.Configuration;

namespace AdaMomentumSharp.Experiments;

/// <summary>
/// The CLI's CSV files (metrics.csv, tuning.csv, trajectories.csv): one row per record, columns named after the
/// record's members in snake_case, numbers in the invariant culture and round-trippable, booleans as 1/0. Written
/// atomically; read only after checking that the header has every column.
/// </summary>
public static class CsvFile
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>The header line a file of <typeparamref name="T"/> starts with.</summary>
    public static string Header<T>() => string.Join(',', new SnakeCaseMap<T>().MemberMaps.Select(m => m.Data.Names[0]));

    public static void Write<T>(string path, IEnumerable<T> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            csv.Context.RegisterClassMap(new SnakeCaseMap<T>());
            csv.WriteRecords(rows);
        }
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <exception cref="InvalidDataException">The header lacks a column, or a row is malformed; the message names the file and line.</exception>
    public static List<T> Read<T>(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Configuration);
        csv.Context.RegisterClassMap(new SnakeCaseMap<T>());
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw new InvalidDataException($"{path}: empty; the first line must be the header `{Header<T>()}`.");
            }
            csv.ValidateHeader<T>();
            return csv.GetRecords<T>().ToList();
        }
        catch (HeaderValidationException e)
        {
            string missing = string.Join(", ", e.InvalidHeaders.SelectMany(h => h.Names));
            throw new InvalidDataException($"{path}: the header lacks {missing}; it must be `{Header<T>()}`.", e);
        }
        catch (CsvHelperException e)
        {
            throw new InvalidDataException($"{path}, line {e.Context?.Parser?.RawRow}: malformed row `{e.Context?.Parser?.RawRecord?.TrimEnd()}`.", e);
        }
    }

    /// <summary>Maps every public member (and constructor parameter, for records) to its snake_case column.</summary>
    private sealed class SnakeCaseMap<T> : ClassMap<T>
    {
        public SnakeCaseMap()
        {
            AutoMap(CultureInfo.InvariantCulture);
            foreach (MemberMap member in MemberMaps)
            {
                member.Name(SnakeCase(member.Data.Member!.Name));
                if (member.Data.Type == typeof(bool))
                {
                    member.TypeConverterOption.BooleanValues(true, true, "1").TypeConverterOption.BooleanValues(false, true, "0");
                }
            }
            foreach (ParameterMap parameter in ParameterMaps)
            {
                parameter.Name(SnakeCase(parameter.Data.Parameter.Name!));
            }
        }

        private static string SnakeCase(string name) =>
            string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
    }
}
