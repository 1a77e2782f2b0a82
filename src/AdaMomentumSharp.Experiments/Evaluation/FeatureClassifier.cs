using System.IO.Hashing;
using System.Text;
using AdaMomentumSharp.Files;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>
/// A small CNN classifier of a data set's images whose penultimate layer (128 ReLU units) supplies the features for a
/// Fréchet distance "in a Fashion-MNIST (or CIFAR-10) classifier's features": the stand-in for Inception, whose weights
/// cannot be downloaded here. It is trained once, with plain Adam (not an optimizer under comparison) at a fixed seed,
/// and its weights are cached beside their checksum; a missing or corrupt cache is retrained.
/// </summary>
/// <remarks>
/// The cache file is named by a digest of the training settings and the training images and labels, so other data or
/// settings never load weights trained on something else. Weights are written first, the digest last, each atomically,
/// so an interrupted save leaves no digest that matches and the next call retrains.
/// </remarks>
internal sealed class FeatureClassifier : IDisposable
{
    public const int FeatureSize = 128;

    /// <summary>The network's design, named in the cache key: change it whenever the layers change.</summary>
    private const string Architecture = "conv32-pool-conv64-pool-fc128-fc(classes) v1";

    private readonly Sequential features;
    private readonly Sequential model;

    private FeatureClassifier(string weightsPath, bool wasTrained, long[] imageShape, int classes)
    {
        var (channels, height, width) = (imageShape[1], imageShape[2], imageShape[3]);
        features = Sequential(
            Conv2d(channels, 32, 3, padding: 1), ReLU(), MaxPool2d(2),
            Conv2d(32, 64, 3, padding: 1), ReLU(), MaxPool2d(2),
            Flatten(), Linear(64 * (height / 4) * (width / 4), FeatureSize), ReLU());
        model = Sequential(("features", features), ("classifier", Linear(FeatureSize, classes)));
        WeightsPath = weightsPath;
        WasTrained = wasTrained;
    }

    /// <summary>The cached weights; a file named <c>WeightsPath + ChecksumSuffix</c> beside it holds their checksum.</summary>
    public string WeightsPath { get; }

    /// <summary>Whether this call trained the network (no usable cache) rather than loading it.</summary>
    public bool WasTrained { get; }

    /// <summary>
    /// Loads the classifier cached in <paramref name="cacheDirectory"/> for these images and settings, or trains and caches it.
    /// </summary>
    /// <param name="images">Normalized training images [N, C, H, W], H and W multiples of 4, float32.</param>
    /// <param name="labels">Their classes [N], int64, each below <paramref name="classes"/>.</param>
    /// <param name="cancellation">Stops the training between two batches (Ctrl+C): a signal must not find native code running
    /// when the process exits, and training takes minutes.</param>
    /// <exception cref="OperationCanceledException">Cancelled while training; nothing is cached.</exception>
    public static FeatureClassifier LoadOrTrain(string cacheDirectory, Tensor images, Tensor labels, int classes, FeatureClassifierTraining settings,
                                                CancellationToken cancellation = default)
    {
        settings.Validate();
        if (images.dim() != 4 || images.shape[2] % 4 != 0 || images.shape[3] % 4 != 0 || labels.shape.Length != 1 || labels.shape[0] != images.shape[0])
        {
            throw new ArgumentException(
                $"The feature classifier takes images [N, C, H, W] with H and W multiples of 4 and labels [N], not [{string.Join(", ", images.shape)}] and [{string.Join(", ", labels.shape)}].",
                nameof(images));
        }
        Directory.CreateDirectory(cacheDirectory);
        string path = Path.Combine(cacheDirectory, $"features-{CacheKey(images, labels, classes, settings)}.weights");
        if (DigestMatches(path))
        {
            var loaded = new FeatureClassifier(path, wasTrained: false, images.shape, classes);
            loaded.model.load(path);
            loaded.model.eval();
            return loaded;
        }

        // Seeded before the layers exist, so the starting weights depend on the seed alone, not on what ran before.
        torch.manual_seed(settings.Seed);
        var trained = new FeatureClassifier(path, wasTrained: true, images.shape, classes);
        try
        {
            trained.Train(images, labels, settings, cancellation);
        }
        catch
        {
            trained.Dispose();
            throw;
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            trained.model.save(writer);
        });
        AtomicFile.Write(path + ChecksumSuffix, stream => stream.Write(Encoding.ASCII.GetBytes(FileChecksum.Of(path))));
        return trained;
    }

    /// <summary>Penultimate-layer features [N, 128] (float32, no gradient) of normalized images shaped as the training images, in batches of 1000.</summary>
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

    /// <summary>The fraction of <paramref name="images"/> the classifier labels as <paramref name="labels"/>, to check its features mean something.</summary>
    public double Accuracy(Tensor images, Tensor labels)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Tensor predicted = model.call(images).argmax(1);
        return predicted.eq(labels).to_type(ScalarType.Float64).mean().item<double>();
    }

    public void Dispose() => model.Dispose();

    private void Train(Tensor images, Tensor labels, FeatureClassifierTraining settings, CancellationToken cancellation)
    {
        var shuffle = new Random(settings.Seed);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: settings.LearningRate);
        model.train();
        int[] order = Enumerable.Range(0, (int)images.shape[0]).ToArray();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (int start = 0; start < order.Length; start += settings.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
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

    /// <summary>The weights' checksum file beside them (<see cref="FileChecksum"/>). A cache written before the project had
    /// one checksum (a <c>.sha256</c> file) is not read: the classifier is trained once more.</summary>
    public const string ChecksumSuffix = ".xxh3";

    private static bool DigestMatches(string path)
    {
        string digestPath = path + ChecksumSuffix;
        return File.Exists(path) && File.Exists(digestPath) && File.ReadAllText(digestPath).Trim() == FileChecksum.Of(path);
    }

    private static string CacheKey(Tensor images, Tensor labels, int classes, FeatureClassifierTraining settings)
    {
        var hash = new XxHash3();
        // The architecture's name is part of the key, so weights of an earlier design are never loaded into a new one.
        hash.Append(Encoding.UTF8.GetBytes($"{Architecture} {settings} classes {classes} shape {string.Join("x", images.shape)}"));
        using Tensor pixels = images.to_type(ScalarType.Float32).contiguous(), classIds = labels.to_type(ScalarType.Int64).contiguous();
        hash.Append(pixels.bytes);
        hash.Append(classIds.bytes);
        return FileChecksum.Text(hash.GetCurrentHashAsUInt64());
    }
}
