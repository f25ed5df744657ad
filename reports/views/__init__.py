"""The annual report's pages: the council's reports and versions, and the public list."""
