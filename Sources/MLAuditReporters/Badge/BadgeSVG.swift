/// A shields-style "flat" badge: 20 px high, grey label half, coloured message half.
///
/// Geometry follows shields' badge-maker: each half is its text width + 10 px; text is
/// drawn at 110 units under `scale(.1)` with `textLength` fixed to the measured width,
/// so renderers without DejaVu Sans still fit the text into its half.
public struct BadgeSVG: Sendable {
    public var label: String
    public var message: String
    /// Message half colour, e.g. "#4c1".
    public var color: String
    public var labelColor = "#555"

    public static let height = 20
    static let horizontalPadding = 5

    public init(label: String, message: String, color: String) {
        self.label = label
        self.message = message
        self.color = color
    }

    public var labelTextWidth: Int { label.isEmpty ? 0 : BadgeText.width(label) }
    public var messageTextWidth: Int { BadgeText.width(message) }
    public var labelWidth: Int { label.isEmpty ? 0 : labelTextWidth + 2 * Self.horizontalPadding }
    public var messageWidth: Int { messageTextWidth + 2 * Self.horizontalPadding }
    public var width: Int { labelWidth + messageWidth }

    /// Accessible name: the `<title>` and `aria-label`.
    public var title: String { label.isEmpty ? message : "\(label): \(message)" }

    public func render() -> String {
        guard let w = XMLWriter() else { return "" }
        let total = String(width)
        w.start("svg")
        w.attribute("xmlns", "http://www.w3.org/2000/svg")
        w.attribute("width", total)
        w.attribute("height", String(Self.height))
        w.attribute("role", "img")
        w.attribute("aria-label", title)
        w.start("title"); w.text(title); w.end()

        w.start("linearGradient")
        w.attribute("id", "s"); w.attribute("x2", "0"); w.attribute("y2", "100%")
        w.start("stop"); w.attribute("offset", "0"); w.attribute("stop-color", "#bbb"); w.attribute("stop-opacity", ".1"); w.end()
        w.start("stop"); w.attribute("offset", "1"); w.attribute("stop-opacity", ".1"); w.end()
        w.end()

        w.start("clipPath")
        w.attribute("id", "r")
        w.start("rect"); w.attribute("width", total); w.attribute("height", "20"); w.attribute("rx", "3"); w.attribute("fill", "#fff"); w.end()
        w.end()

        w.start("g")
        w.attribute("clip-path", "url(#r)")
        if labelWidth > 0 {
            w.start("rect"); w.attribute("width", String(labelWidth)); w.attribute("height", "20"); w.attribute("fill", labelColor); w.end()
        }
        w.start("rect"); w.attribute("x", String(labelWidth)); w.attribute("width", String(messageWidth)); w.attribute("height", "20")
        w.attribute("fill", color); w.end()
        w.start("rect"); w.attribute("width", total); w.attribute("height", "20"); w.attribute("fill", "url(#s)"); w.end()
        w.end()

        w.start("g")
        w.attribute("fill", "#fff")
        w.attribute("text-anchor", "middle")
        w.attribute("font-family", "Verdana,Geneva,DejaVu Sans,sans-serif")
        w.attribute("text-rendering", "geometricPrecision")
        w.attribute("font-size", "110")
        // x in tenths of a px: shields centres the label 1 px right of its half's middle,
        // and the message 1 px left of its half's middle.
        if labelWidth > 0 {
            drawText(w, label, x10: 10 * (Self.horizontalPadding + 1) + 5 * labelTextWidth, length: labelTextWidth)
        }
        let messageMargin = labelWidth > 0 ? labelWidth - 1 : 0
        drawText(w, message, x10: 10 * (messageMargin + Self.horizontalPadding) + 5 * messageTextWidth, length: messageTextWidth)
        w.end()

        w.end()
        return w.finish()
    }

    /// The shadow copy, then the white text.
    private func drawText(_ w: XMLWriter, _ text: String, x10: Int, length: Int) {
        for shadow in [true, false] {
            w.start("text")
            if shadow { w.attribute("aria-hidden", "true") }
            w.attribute("x", String(x10))
            w.attribute("y", shadow ? "150" : "140")
            if shadow { w.attribute("fill", "#010101"); w.attribute("fill-opacity", ".3") }
            w.attribute("transform", "scale(.1)")
            if !shadow { w.attribute("fill", "#fff") }
            w.attribute("textLength", String(length * 10))
            w.text(text)
            w.end()
        }
    }
}
