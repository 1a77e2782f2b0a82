// The README's TorchSharp example, verbatim (tests/AdaMomentumSharp.TorchSharp.Tests/ReadmeSnippetTests.cs checks it);
// the solution builds it, so the README cannot show code that does not compile.
using AdaMomentumSharp;
using TorchSharp;

var model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10));
var optimizer = new AdaMomentum(model.parameters(), lr: 1e-3);            // was: torch.optim.Adam(model.parameters())
var scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size: 10);
var (images, labels) = (torch.randn(256, 784), torch.randint(0, 10, [256]));   // your data here
for (int epoch = 0; epoch < 20; epoch++)
{
    for (int start = 0; start < 256; start += 64)
    {
        optimizer.zero_grad();
        var loss = torch.nn.functional.cross_entropy(model.call(images.narrow(0, start, 64)), labels.narrow(0, start, 64));
        loss.backward();
        optimizer.step();
    }
    scheduler.step();
}
optimizer.save_state_dict("optimizer.bin");                     // atomic, versioned, checksummed; loads all-or-nothing
