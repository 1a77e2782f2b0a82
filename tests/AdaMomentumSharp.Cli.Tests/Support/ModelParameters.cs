using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Parameter counts worked out by hand from the layer shapes, to check the modules against, not against themselves.</summary>
public static class ModelParameters
{
    public static long Of(torch.nn.Module model) => model.parameters().Sum(p => p.numel());

    public static long Conv(long inChannels, long outChannels, long kernel, bool bias = true) =>
        inChannels * outChannels * kernel * kernel + (bias ? outChannels : 0);

    public static long BatchNorm(long channels) => 2 * channels;

    public static long Linear(long inFeatures, long outFeatures) => inFeatures * outFeatures + outFeatures;

    public static long Vgg16Bn(int classes)
    {
        int[] widths = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512];
        long total = 0, channels = 3;
        foreach (int width in widths)
        {
            total += Conv(channels, width, 3) + BatchNorm(width);
            channels = width;
        }
        return total + Linear(512, 512) + Linear(512, 512) + Linear(512, classes);
    }

    public static long ResNet34(int classes)
    {
        long total = Conv(3, 64, 3, bias: false) + BatchNorm(64), channels = 64;
        foreach (var (width, blocks) in new[] { (64, 3), (128, 4), (256, 6), (512, 3) })
        {
            for (int b = 0; b < blocks; b++)
            {
                total += Conv(channels, width, 3, false) + BatchNorm(width) + Conv(width, width, 3, false) + BatchNorm(width);
                if (channels != width)
                {
                    total += Conv(channels, width, 1, false) + BatchNorm(width);
                }
                channels = width;
            }
        }
        return total + Linear(512, classes);
    }

    public static long DenseNet121(int classes, int growth)
    {
        long channels = 2 * growth, total = Conv(3, channels, 3, false);
        int[] blocks = [6, 12, 24, 16];
        for (int block = 0; block < blocks.Length; block++)
        {
            for (int layer = 0; layer < blocks[block]; layer++)
            {
                total += BatchNorm(channels) + Conv(channels, 4 * growth, 1, false) + BatchNorm(4 * growth) + Conv(4 * growth, growth, 3, false);
                channels += growth;
            }
            if (block < 3)
            {
                total += BatchNorm(channels) + Conv(channels, channels / 2, 1, false);
                channels /= 2;
            }
        }
        return total + BatchNorm(channels) + Linear(channels, classes);
    }

    public static long DcganGenerator(int channels, int latent = 128, int w = 64) =>
        Linear(latent, 8 * w * 16)
        + Conv(8 * w, 4 * w, 4) + BatchNorm(4 * w) + Conv(4 * w, 2 * w, 4) + BatchNorm(2 * w) + Conv(2 * w, w, 4) + BatchNorm(w)
        + Conv(w, channels, 3);

    public static long DcganDiscriminator(int channels, int w = 64) =>
        Conv(channels, w, 3) + Conv(w, w, 4) + 2 * BatchNorm(w)
        + Conv(w, 2 * w, 3) + Conv(2 * w, 2 * w, 4) + 2 * BatchNorm(2 * w)
        + Conv(2 * w, 4 * w, 3) + Conv(4 * w, 4 * w, 4) + 2 * BatchNorm(4 * w)
        + Conv(4 * w, 8 * w, 3) + BatchNorm(8 * w) + Linear(8 * w, 1);

    /// <summary>Tied embedding and decoder bias, then per layer PyTorch's LSTM: 4h × in + 4h × h weights and two 4h biases.</summary>
    public static long AwdLstm(int vocabulary, int embedding, int hidden, int layers)
    {
        long total = (long)vocabulary * embedding + vocabulary, input = embedding;
        for (int l = 0; l < layers; l++)
        {
            long width = l == layers - 1 ? embedding : hidden;
            total += 4 * width * input + 4 * width * width + 2 * 4 * width;
            input = width;
        }
        return total;
    }
}
