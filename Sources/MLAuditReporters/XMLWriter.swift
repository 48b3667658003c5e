import CLibXML2

/// A thin wrapper over libxml2's xmlTextWriter: escaping and well-formedness
/// come from libxml2, never from string concatenation.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init?() {
        guard let buffer = xmlBufferCreate() else { return nil }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            return nil
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = "  ".withXMLChars { xmlTextWriterSetIndentString(writer, $0) }
        xmlTextWriterStartDocument(writer, nil, "UTF-8", nil)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String) {
        _ = name.withXMLChars { xmlTextWriterStartElement(writer, $0) }
    }

    func attribute(_ name: String, _ value: String) {
        _ = name.withXMLChars { n in value.sanitizedForXML.withXMLChars { v in xmlTextWriterWriteAttribute(writer, n, v) } }
    }

    func text(_ value: String) {
        _ = value.sanitizedForXML.withXMLChars { xmlTextWriterWriteString(writer, $0) }
    }

    func end() { xmlTextWriterEndElement(writer) }

    /// An element that is written with an explicit end tag even when empty.
    func emptyElement(_ name: String) {
        start(name)
        text("")
        xmlTextWriterFullEndElement(writer)
    }

    func finish() -> String {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

extension String {
    func withXMLChars<R>(_ body: (UnsafePointer<xmlChar>) -> R) -> R {
        withCString { $0.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1, body) }
    }

    /// XML 1.0 cannot carry most control characters, even escaped: drop them.
    var sanitizedForXML: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { s in
            s == "\t" || s == "\n" || s == "\r" || (s.value >= 0x20 && s.value != 0xFFFE && s.value != 0xFFFF)
        }))
    }
}
