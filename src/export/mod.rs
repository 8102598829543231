//! Exports: the PDF summary sheet.
