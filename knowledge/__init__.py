"""The knowledge base of help services, its lexicon and the matcher."""
