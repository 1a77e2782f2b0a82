// The README's example of the family and the factory, verbatim (tests/AdaMomentumSharp.TorchSharp.Tests/ReadmeBlocksStandAloneTests.cs
// checks it); the solution builds it, so the README cannot show code that does not compile.
using AdaMomentumSharp;
using TorchSharp;

var model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.LayerNorm(128), torch.nn.ReLU(), torch.nn.Linear(128, 10));
var yogi = new Yogi(model.parameters(), lr: 1e-2, initial_accumulator: 1e-6);   // or AdaBelief, RAdam, AdaBound, AdaMomentum
yogi.save_state_dict("yogi.bin");                                              // versioned, checksummed, atomic, as AdaMomentum's
yogi.Dispose();

// By name, as timm's create_optimizer_v2: weight decay on the weights, none on biases and LayerNorm's weights.
var groups = WeightDecayGroups.Of(model);
var optimizer = Optimizers.Create("adabelief", groups, lr: 1e-3, weight_decay: 5e-4, eps: 1e-16);
var (images, labels) = (torch.randn(64, 784), torch.randint(0, 10, [64]));   // your data here
for (int step = 0; step < 10; step++)
{
    optimizer.zero_grad();
    torch.nn.functional.cross_entropy(model.call(images), labels).backward();
    optimizer.step();
}
Console.WriteLine($"{groups.Decayed.Count} decayed, {groups.NotDecayed.Count} not: {string.Join(", ", Optimizers.Names)}");
