"""WCAG relative luminance and contrast, and colours read from what Qt actually painted."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

TEXT_NORMAL = 4.5
TEXT_HIGH_CONTRAST = 7.0
NON_TEXT = 3.0


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque sRGB colour."""
    return (0.2126 * _channel(color.redF()) + 0.7152 * _channel(color.greenF())
            + 0.0722 * _channel(color.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """(L1 + 0.05) / (L2 + 0.05), from 1 (same) to 21 (black on white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def over(color: QColor, background: QColor) -> QColor:
    """``color`` drawn over an opaque ``background`` (placeholder text is half transparent)."""
    alpha = color.alphaF()
    if alpha >= 1.0:
        return QColor(color.red(), color.green(), color.blue())
    return QColor.fromRgbF(color.redF() * alpha + background.redF() * (1 - alpha),
                           color.greenF() * alpha + background.greenF() * (1 - alpha),
                           color.blueF() * alpha + background.blueF() * (1 - alpha))


def image_array(image: QImage) -> NDArray[np.uint32]:
    """The image as a height × width array of 0xAARRGGBB values."""
    converted = image.convertToFormat(QImage.Format.Format_ARGB32)
    width, height = converted.width(), converted.height()
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint32,
                           count=converted.bytesPerLine() * height // 4)
    return buffer.reshape(height, converted.bytesPerLine() // 4)[:, :width].copy()


def _to_color(value: int) -> QColor:
    return QColor((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)


def dominant_color(pixels: NDArray[np.uint32]) -> QColor | None:
    """The most frequent opaque colour of ``pixels`` (None when there are none)."""
    every = pixels.reshape(-1)
    opaque = every[(every >> 24) > 128] & 0x00FFFFFF
    if opaque.size == 0:
        return None
    values, counts = np.unique(opaque, return_counts=True)
    return _to_color(int(values[int(np.argmax(counts))]))


def region(pixels: NDArray[np.uint32], rect: QRect) -> NDArray[np.uint32]:
    """The pixels of ``rect``, clipped to the image."""
    height, width = pixels.shape
    left, top = max(0, rect.left()), max(0, rect.top())
    right, bottom = min(width, rect.left() + rect.width()), min(height, rect.top() + rect.height())
    if right <= left or bottom <= top:
        return pixels[0:0, 0:0]
    return pixels[top:bottom, left:right]


def ring(pixels: NDArray[np.uint32], rect: QRect, inside: int, outside: int) -> NDArray[np.uint32]:
    """Pixels of the band from ``inside`` px within ``rect``'s edge to ``outside`` px beyond it."""
    outer = rect.adjusted(-outside, -outside, outside, outside)
    inner = rect.adjusted(inside, inside, -inside, -inside)
    height, width = pixels.shape
    mask = np.zeros((height, width), dtype=bool)
    ol, ot = max(0, outer.left()), max(0, outer.top())
    orr, ob = min(width, outer.left() + outer.width()), min(height, outer.top() + outer.height())
    if orr <= ol or ob <= ot:
        return pixels[0:0, 0:0].reshape(-1)
    mask[ot:ob, ol:orr] = True
    il, it = max(0, inner.left()), max(0, inner.top())
    ir, ib = min(width, inner.left() + inner.width()), min(height, inner.top() + inner.height())
    if ir > il and ib > it:
        mask[it:ib, il:ir] = False
    return pixels[mask]


def contrast_changed_pixels(before: QImage, after: QImage, minimum: float = NON_TEXT) -> int:
    """How many pixels changed between two renderings by at least ``minimum`` contrast."""
    a, b = image_array(before), image_array(after)
    if a.shape != b.shape:
        return 0

    def luminance(values: NDArray[np.uint32]) -> NDArray[np.float64]:
        channels = [((values >> shift) & 0xFF).astype(np.float64) / 255.0
                    for shift in (16, 8, 0)]
        linear = [np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
                  for c in channels]
        result: NDArray[np.float64] = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return result

    la, lb = luminance(a), luminance(b)
    ratio = (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)
    return int(np.count_nonzero(ratio >= minimum))


def rendered_text_contrast(image: QImage | NDArray[np.uint32]
                           ) -> tuple[QColor, QColor, float] | None:
    """(text, background, ratio) read from a rendering: the background is the commonest
    colour, the text the most contrasting colour that covers a real share of the rest."""
    every = (image_array(image) if isinstance(image, QImage) else image).reshape(-1)
    opaque = every[(every >> 24) > 128] & 0x00FFFFFF
    if opaque.size == 0:
        return None
    values, counts = np.unique(opaque, return_counts=True)
    order = np.argsort(counts)[::-1]
    background = _to_color(int(values[order[0]]))
    rest = int(opaque.size - counts[order[0]])
    best: tuple[QColor, QColor, float] | None = None
    for index in order[1:]:
        if counts[index] < max(4, 0.02 * rest):
            break
        color = _to_color(int(values[index]))
        ratio = contrast_ratio(color, background)
        if best is None or ratio > best[2]:
            best = (color, background, ratio)
    return best
