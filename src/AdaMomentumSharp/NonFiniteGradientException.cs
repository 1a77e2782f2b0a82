namespace AdaMomentumSharp;

/// <summary>
/// Thrown under <see cref="NonFiniteGradients.Throw"/> when a gradient holds NaN or an infinity.
/// Nothing was updated when this is thrown.
/// </summary>
public sealed class NonFiniteGradientException : ArgumentException
{
    /// <summary>Creates the exception for the first non-finite element found.</summary>
    /// <param name="bufferIndex">Which buffer (parameter) of the step holds it; 0 for a single-buffer step.</param>
    /// <param name="elementIndex">The element's index inside that buffer.</param>
    /// <param name="value">The offending value, as a double.</param>
    /// <param name="paramName">The argument the gradients came in.</param>
    public NonFiniteGradientException(int bufferIndex, long elementIndex, double value, string? paramName = "gradients")
        : base(
            $"Gradient element {elementIndex} of buffer {bufferIndex} is {value}; gradients must be finite. " +
            "Nothing was updated. Set NonFiniteGradients to Skip to skip such steps, or to Ignore to let them through.",
            paramName)
    {
        BufferIndex = bufferIndex;
        ElementIndex = elementIndex;
        Value = value;
    }

    /// <summary>Which buffer (parameter) of the step holds the first non-finite element.</summary>
    public int BufferIndex { get; }

    /// <summary>Index of the first non-finite element inside that buffer.</summary>
    public long ElementIndex { get; }

    /// <summary>The non-finite value found (NaN, +∞ or −∞).</summary>
    public double Value { get; }
}
