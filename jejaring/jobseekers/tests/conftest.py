import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture
def photo():
    def make(name: str = "foto.png") -> SimpleUploadedFile:
        buffer = io.BytesIO()
        Image.new("RGB", (30, 40), (200, 30, 30)).save(buffer, format="PNG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")

    return make
