/**
 * Sharpness as the variance of the Laplacian (Pech-Pacheco et al., 2000), computed as OpenCV's
 * `cv2.Laplacian(grey, CV_64F).var()` does: 3×3 kernel [0 1 0; 1 −4 1; 0 1 0], borders reflected
 * without repeating the edge (BORDER_REFLECT_101), over every pixel. Grey is OpenCV's BGR2GRAY
 * fixed-point luma, so a Python reference gives the same number.
 */
export function laplacianVariance(width: number, height: number, rgb: Uint8Array): number {
  const grey = new Int32Array(width * height);
  for (let i = 0; i < grey.length; i++) {
    grey[i] = (rgb[i * 3]! * 4899 + rgb[i * 3 + 1]! * 9617 + rgb[i * 3 + 2]! * 1868 + 8192) >> 14;
  }
  const reflect = (i: number, n: number) => (n === 1 ? 0 : i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
  let sum = 0;
  let sumSquares = 0;
  for (let y = 0; y < height; y++) {
    const up = reflect(y - 1, height) * width;
    const row = y * width;
    const down = reflect(y + 1, height) * width;
    for (let x = 0; x < width; x++) {
      const left = reflect(x - 1, width);
      const right = reflect(x + 1, width);
      const value =
        grey[up + x]! + grey[down + x]! + grey[row + left]! + grey[row + right]! - 4 * grey[row + x]!;
      sum += value;
      sumSquares += value * value;
    }
  }
  const n = width * height;
  const mean = sum / n;
  return sumSquares / n - mean * mean;
}
