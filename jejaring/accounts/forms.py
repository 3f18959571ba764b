from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Setelah beberapa kali gagal, akun dikunci "
            "sementara."
        ),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")
