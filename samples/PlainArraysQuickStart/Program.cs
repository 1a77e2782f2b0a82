// The README's plain-array example, verbatim and whole (tests/AdaMomentumSharp.TorchSharp.Tests/ReadmeSnippetTests.cs
// and ReadmeBlocksStandAloneTests.cs check it); the solution builds it, so the README cannot show code that does not compile.
using AdaMomentumSharp;

float[] weights = new float[1000], gradients = new float[1000];
var optimizer = new AdaMomentumOptimizer<float>([weights.Length], new AdaMomentumOptions { LearningRate = 1e-3 });
for (int step = 0; step < 100; step++)
{
    ComputeGradients(weights, gradients);
    optimizer.Step([weights], [gradients]);
}
optimizer.Save("optimizer.state");                 // atomic, versioned, checksummed

// Your code; here the gradient of ½‖w − 1‖².
static void ComputeGradients(float[] weights, float[] gradients)
{
    for (int i = 0; i < weights.Length; i++)
    {
        gradients[i] = weights[i] - 1;
    }
}
