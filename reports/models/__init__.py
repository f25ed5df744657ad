from .builds import ReportBuild
from .reports import AnnualReport

__all__ = ["AnnualReport", "ReportBuild"]
