namespace AdaMomentumSharp.Experiments.Data;

/// <summary>A data file that is missing or malformed; the message names the file and what is wrong with it.</summary>
public sealed class DataFileException(string message, Exception? inner = null) : IOException(message, inner);
