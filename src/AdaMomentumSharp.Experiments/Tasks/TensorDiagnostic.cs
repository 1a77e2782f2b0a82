namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// One parameter tensor over one epoch, as <c>compare --diagnostics</c> records it in
/// diagnostics/&lt;run&gt;/epoch-N.csv: its mean update size per unit of learning rate, and for AdaMomentum the share of
/// its elements whose bias-corrected second moment sits within 10× of the floor eps/(1 − β2) that storing eps into v
/// every step sets.
/// </summary>
/// <param name="MeanUpdateOverLr">Mean over the epoch's steps of mean |Δp| / the step's rate: the normalized step (m̂/√v̂ for Adam-like methods).</param>
/// <param name="NearFloorFraction">Elements with v / (1 − β2^t) &lt; 10·eps/(1 − β2) at the epoch's end, over all elements; NaN for optimizers without that floor.</param>
internal sealed record TensorDiagnostic(int Epoch, string Tensor, long Elements, double MeanUpdateOverLr, double NearFloorFraction);
