using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using AdaMomentumSharp.Cli.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Cli.Evaluation;

/// <summary>
/// A small Fashion-MNIST CNN whose penultimate layer (128 ReLU units) supplies the features for a Fréchet distance
/// "in a Fashion-MNIST classifier's features", the stand-in for Inception on 28×28 grey images. It is trained once, with
/// plain Adam (not an optimizer under comparison) at a fixed seed, and its weights are cached beside a SHA-256 digest;
/// a missing or corrupt cache is retrained.
/// </summary>
/// <remarks>
/// The cache file is named by a digest of the training settings and the training images and labels, so other data or
/// settings never load weights trained on something else. Weights are written first, the digest last, each atomically,
/// so an interrupted save leaves no digest that matches and the next call retrains.
/// </remarks>
public sealed class FashionFeatureClassifier : IDisposable
{
    public const int FeatureSize = 128;

    private readonly Sequential features;
    private readonly Sequential model;

    private FashionFeatureClassifier(string weightsPath, bool wasTrained)
    {
        features = Sequential(
            Conv2d(1, 32, 3, padding: 1), ReLU(), MaxPool2d(2),
            Conv2d(32, 64, 3, padding: 1), ReLU(), MaxPool2d(2),
            Flatten(), Linear(64 * 7 * 7, FeatureSize), ReLU());
        model = Sequential(("features", features), ("classifier", Linear(FeatureSize, FashionMnist.Classes)));
        WeightsPath = weightsPath;
        WasTrained = wasTrained;
    }

    /// <summary>The cached weights; a file named <c>WeightsPath + ".sha256"</c> beside it holds their digest.</summary>
    public string WeightsPath { get; }

    /// <summary>Whether this call trained the network (no usable cache) rather than loading it.</summary>
    public bool WasTrained { get; }

    /// <summary>Loads the classifier cached in <paramref name="cacheDirectory"/> for these images and settings, or trains and caches it.</summary>
    public static FashionFeatureClassifier LoadOrTrain(string cacheDirectory, LabeledImages train, FeatureClassifierTraining settings)
    {
        settings.Validate();
        if (train.Height != 28 || train.Width != 28)
        {
            throw new ArgumentException($"The feature classifier takes 28×28 images, not {train.Height}×{train.Width}.", nameof(train));
        }
        Directory.CreateDirectory(cacheDirectory);
        string path = Path.Combine(cacheDirectory, $"fashion-features-{CacheKey(train, settings)}.weights");
        if (DigestMatches(path))
        {
            var loaded = new FashionFeatureClassifier(path, wasTrained: false);
            loaded.model.load(path);
            loaded.model.eval();
            return loaded;
        }

        // Seeded before the layers exist, so the starting weights depend on the seed alone, not on what ran before.
        torch.manual_seed(settings.Seed);
        var trained = new FashionFeatureClassifier(path, wasTrained: true);
        trained.Train(train, settings);
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        trained.model.save(temporary);
        File.Move(temporary, path, overwrite: true);
        AtomicFile.Write(path + ".sha256", stream => stream.Write(Encoding.ASCII.GetBytes(Digest(path))));
        return trained;
    }

    /// <summary>Penultimate-layer features [N, 128] (float32, no gradient) of normalized images [N, 1, 28, 28], in batches of 1000.</summary>
    public Tensor Features(Tensor images)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 1000)
        {
            parts.Add(features.call(images.narrow(0, start, Math.Min(1000, images.shape[0] - start))));
        }
        return torch.cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The fraction of <paramref name="images"/> the classifier labels correctly, to check its features mean something.</summary>
    public double Accuracy(LabeledImages images)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Tensor predicted = model.call(torch.tensor(images.Pixels, [images.Count, 1, 28, 28])).argmax(1);
        return predicted.eq(torch.tensor(images.Labels)).to_type(ScalarType.Float64).mean().item<double>();
    }

    public void Dispose() => model.Dispose();

    private void Train(LabeledImages train, FeatureClassifierTraining settings)
    {
        var shuffle = new Random(settings.Seed);
        using var images = torch.tensor(train.Pixels, [train.Count, 1, 28, 28]);
        using var labels = torch.tensor(train.Labels);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: settings.LearningRate);
        model.train();
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (int start = 0; start < order.Length; start += settings.BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                Tensor rows = torch.tensor(order[start..Math.Min(order.Length, start + settings.BatchSize)].Select(i => (long)i).ToArray());
                optimizer.zero_grad();
                Tensor loss = functional.cross_entropy(model.call(images.index_select(0, rows)), labels.index_select(0, rows));
                loss.backward();
                optimizer.step();
            }
        }
        model.eval();
    }

    private static bool DigestMatches(string path)
    {
        string digestPath = path + ".sha256";
        return File.Exists(path) && File.Exists(digestPath) && File.ReadAllText(digestPath).Trim() == Digest(path);
    }

    private static string Digest(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string CacheKey(LabeledImages train, FeatureClassifierTraining settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(settings.ToString()));
        hash.AppendData(MemoryMarshal.AsBytes(train.Pixels.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(train.Labels.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
