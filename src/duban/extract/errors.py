"""The one error the extraction core raises on input it cannot read."""


class ExtractError(Exception):
    """Input that yields no plan: empty, binary, undecodable, or without tasks.

    Carries a Chinese message for the civil servant and an English reason for
    the logs; `str()` gives both on one line so the CLI can print it as is.
    """

    def __init__(self, message_zh: str, reason_en: str):
        super().__init__(reason_en)
        self.message_zh = message_zh
        self.reason_en = reason_en

    def __str__(self) -> str:
        return f"{self.message_zh}（{self.reason_en}）"
