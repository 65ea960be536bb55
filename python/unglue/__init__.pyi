from ._unglue import Cleaned as Cleaned
from ._unglue import Cleaner as Cleaner
from ._unglue import Fix as Fix
from ._unglue import RulePackError as RulePackError
from ._unglue import profiles as profiles

__all__ = ["Cleaned", "Cleaner", "Fix", "RulePackError", "clean", "profiles"]

def clean(text: str, profile: str = "default") -> Cleaned: ...
