/// A minimal SVG line chart: axes with a few ticks, one polyline per series, a legend.
struct SVGPlot {
    struct Series {
        var label: String
        var color: String
        var x: [Float]
        var y: [Float]
    }

    var title: String
    var xRange: ClosedRange<Float>
    var yRange: ClosedRange<Float>
    var width: Float = 640
    var height: Float = 360
    let margin: Float = 40

    private func px(_ x: Float) -> Float {
        margin + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - 2 * margin)
    }
    private func py(_ y: Float) -> Float {
        let clamped = min(max(y, yRange.lowerBound), yRange.upperBound)
        return height - margin - (clamped - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - 2 * margin)
    }
    private func text(_ value: Float) -> String { String(format2: value) }
    private func escaped(_ s: String) -> String {
        s.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }

    func render(series: [Series]) -> String {
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(text(width / 2))" y="20" text-anchor="middle" font-size="14">\(escaped(title))</text>

        """
        let x0 = px(xRange.lowerBound), x1 = px(xRange.upperBound)
        let y0 = py(yRange.lowerBound), y1 = py(yRange.upperBound)
        out += "<rect x=\"\(text(x0))\" y=\"\(text(y1))\" width=\"\(text(x1 - x0))\" height=\"\(text(y0 - y1))\" fill=\"none\" stroke=\"#888\"/>\n"
        for i in 0...4 {
            let x = xRange.lowerBound + Float(i) / 4 * (xRange.upperBound - xRange.lowerBound)
            out += "<text x=\"\(text(px(x)))\" y=\"\(text(y0 + 16))\" text-anchor=\"middle\">\(text(x))</text>\n"
            let y = yRange.lowerBound + Float(i) / 4 * (yRange.upperBound - yRange.lowerBound)
            out += "<text x=\"\(text(x0 - 4))\" y=\"\(text(py(y) + 4))\" text-anchor=\"end\">\(text(y))</text>\n"
        }
        for (k, s) in series.enumerated() {
            let points = zip(s.x, s.y).map { "\(text(px($0))),\(text(py($1)))" }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"1.5\" points=\"\(points)\"/>\n"
            let ly = margin + 14 + Float(k) * 16
            out += "<line x1=\"\(text(x1 - 110))\" y1=\"\(text(ly - 4))\" x2=\"\(text(x1 - 90))\" y2=\"\(text(ly - 4))\" stroke=\"\(s.color)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(text(x1 - 85))\" y=\"\(text(ly))\">\(escaped(s.label))</text>\n"
        }
        return out + "</svg>\n"
    }
}
