namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// One image's random choices under <see cref="ImageAugmentation"/>: where the crop window sits in the padded image,
/// whether the crop is mirrored, and where Cutout's hole starts (null when Cutout leaves the image alone).
/// </summary>
/// <param name="CropTop">Row of the padded image the crop starts at, 0 to 2 × padding.</param>
/// <param name="CropLeft">Column of the padded image the crop starts at, 0 to 2 × padding.</param>
/// <param name="Flip">Whether the crop is mirrored left to right.</param>
/// <param name="CutoutTop">First row of the hole, from −size/2 (clipped at the border); null for no hole.</param>
/// <param name="CutoutLeft">First column of the hole, from −size/2 (clipped at the border); null for no hole.</param>
internal readonly record struct ImageAugmentationDraw(int CropTop, int CropLeft, bool Flip, int? CutoutTop, int? CutoutLeft)
{
    /// <summary>The draw that leaves an image unchanged for a given padding: centred crop, no flip, no hole.</summary>
    public static ImageAugmentationDraw Identity(int padding) => new(padding, padding, false, null, null);
}
