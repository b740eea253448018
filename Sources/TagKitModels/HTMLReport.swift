import TagKitText

/// A table for a report: a header row and rows of cells; `heat` shades numeric cells (for confusion matrices).
public struct ReportTable: Sendable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    /// Shade each numeric cell by its share of the table's largest value.
    public var heat: Bool

    public init(title: String, header: [String], rows: [[String]], heat: Bool = false) {
        self.title = title
        self.header = header
        self.rows = rows
        self.heat = heat
    }
}

/// A self-contained HTML page about a training run: a summary, learning curves drawn as inline
/// SVG (loss and dev score per epoch), and tables (per-type scores, a confusion matrix).
/// No scripts, no external files: it opens anywhere and can be attached to a bug report.
public struct HTMLReport: Sendable {
    public var title: String
    /// Key–value lines shown at the top (data, configuration, final scores).
    public var summary: [(key: String, value: String)]
    public var history: [EpochRecord]
    /// What the dev score is (e.g. "dev F1" or "dev accuracy").
    public var scoreName: String
    public var tables: [ReportTable]

    public init(title: String, summary: [(key: String, value: String)], history: [EpochRecord], scoreName: String, tables: [ReportTable]) {
        self.title = title
        self.summary = summary
        self.history = history
        self.scoreName = scoreName
        self.tables = tables
    }

    /// The page.
    public func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em}
            table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;border-bottom:1px solid #ddd}
            th{text-align:left;background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1.2em}dt{color:#666}dd{margin:0}
            .charts{display:flex;flex-wrap:wrap;gap:1.5em}svg text{font:12px system-ui,sans-serif;fill:#444}
            </style></head><body>
            <h1>\(escape(title))</h1>

            """
        html += "<dl>" + summary.map { "<dt>\(escape($0.key))</dt><dd>\(escape($0.value))</dd>" }.joined() + "</dl>\n"
        if !history.isEmpty {
            html += "<h2>Learning curves</h2>\n<div class=\"charts\">\n"
            html += lineChart(title: "training loss", values: history.map(\.meanLoss), color: "#c0392b", best: nil)
            let scores = history.compactMap(\.devScore)
            if scores.count == history.count {
                let best = history.firstIndex { $0.isBest && $0.devScore == scores.max() }
                html += lineChart(title: scoreName, values: scores, color: "#2471a3", best: best)
            }
            html += "</div>\n"
        }
        for table in tables { html += render(table) }
        html += "</body></html>\n"
        return html
    }

    /// A line chart of `values` by epoch (1-based), with axes, ticks and the best epoch marked.
    private func lineChart(title: String, values: [Double], color: String, best: Int?) -> String {
        let (width, height, left, right, top, bottom) = (420.0, 240.0, 52.0, 12.0, 24.0, 34.0)
        let low = values.min()!, high = values.max()!
        let span = high > low ? high - low : max(abs(high), 1)
        let (yMin, yMax) = (low - 0.05 * span, high + 0.05 * span)
        func x(_ i: Int) -> Double { left + (values.count > 1 ? Double(i) / Double(values.count - 1) : 0.5) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (yMax - v) / (yMax - yMin) * (height - top - bottom) }
        var svg = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        svg += "<text x=\"\(left)\" y=\"15\" style=\"font-weight:600\">\(escape(title))</text>\n"
        for tick in 0...4 {
            let value = yMin + (yMax - yMin) * Double(tick) / 4
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(fmt(y(value)))\" y2=\"\(fmt(y(value)))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\">\(printfFixedShort(value))</text>\n"
        }
        let step = max(1, values.count / 8)
        for i in stride(from: 0, to: values.count, by: step) {
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\">\(i + 1)</text>"
        }
        svg += "<text x=\"\(fmt((left + width - right) / 2))\" y=\"\(fmt(height - 4))\" text-anchor=\"middle\">epoch</text>\n"
        let points = values.indices.map { "\(fmt(x($0))),\(fmt(y(values[$0])))" }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
        for i in values.indices {
            svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(values[i])))\" r=\"\(i == best ? "5" : "2.5")\" fill=\"\(i == best ? "#f1c40f" : color)\"><title>epoch \(i + 1): \(printfFixedShort(values[i]))</title></circle>"
        }
        return svg + "\n</svg>\n"
    }

    private func render(_ table: ReportTable) -> String {
        let numbers = table.rows.flatMap { $0.compactMap(Double.init) }
        let largest = max(numbers.max() ?? 1, 1e-12)
        var html = "<h2>\(escape(table.title))</h2>\n<table><tr>" + table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in table.rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                if let value = Double(cell), index > 0 {
                    let shade = table.heat && value > 0 ? " style=\"background:rgba(36,113,163,\(fmt(0.08 + 0.6 * value / largest)))\"" : ""
                    html += "<td class=\"n\"\(shade)>\(escape(cell))</td>"
                } else {
                    html += "<td>\(escape(cell))</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    private func fmt(_ value: Double) -> String { printfFixed(value, precision: 1) }

    /// Four significant digits, for axis labels.
    private func printfFixedShort(_ value: Double) -> String {
        let magnitude = abs(value)
        let precision = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4
        return printfFixed(value, precision: precision)
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
