"""A QR code of the booking code, drawn with Qt (no image library needed)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap


def qr_pixmap(text: str, size_px: int) -> QPixmap:
    """Black modules on white with the standard quiet zone, scaled without blur."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = len(matrix)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    scale = max(1, size_px // side)
    return QPixmap.fromImage(image.scaled(side * scale, side * scale,
                                          Qt.AspectRatioMode.IgnoreAspectRatio,
                                          Qt.TransformationMode.FastTransformation))
