namespace AdaMomentumSharp;

/// <summary>Where the first NaN or infinite gradient element of a step is: which buffer, which element, and its value.</summary>
/// <param name="Buffer">The buffer's position in the step's list.</param>
/// <param name="Element">The element's index inside that buffer.</param>
/// <param name="Value">The value (NaN, +∞ or −∞), widened to double.</param>
public readonly record struct NonFiniteGradient(int Buffer, long Element, double Value);
