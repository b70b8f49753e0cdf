import Foundation

/// The summary's charts as geometry for the template's inline SVG: numbers
/// and labels mailaudit made itself, never text from a message, so the
/// charts need no script and no escaping beyond the template's.
enum SummaryCharts {
  static let trendWidth = 800.0
  static let trendHeight = 240.0

  /// Grouped bars per month: findings and exposed people, one y axis.
  static func trend(_ months: [MonthTrend], catalog: MessageCatalog) -> [String: Any] {
    let (left, right, top, bottom) = (48.0, 12.0, 14.0, 40.0)
    let plotW = trendWidth - left - right
    let plotH = trendHeight - top - bottom
    let peak = months.map { max($0.findings, $0.people) }.max() ?? 0
    let (step, axisTop) = axis(peak: peak)
    let slot = plotW / Double(max(months.count, 1))
    // Bars no wider than 36px: one month alone should not fill the chart.
    let barW = min(max(slot * 0.36, 1), 36)
    func y(_ value: Int) -> Double { top + plotH - plotH * Double(value) / Double(axisTop) }
    var bars: [[String: Any]] = []
    var labels: [[String: Any]] = []
    let labelEvery = max(1, Int((Double(months.count) / 12).rounded(.up)))
    for (i, m) in months.enumerated() {
      let x0 = left + slot * Double(i) + (slot - 2 * barW) / 2
      for (series, value, x) in [("findings", m.findings, x0), ("people", m.people, x0 + barW)] {
        let title = catalog.counted("summary.chart.\(series)", value, ["month": m.month])
        var bar: [String: Any] = [
          "x": fmt(x), "y": fmt(y(value)), "w": fmt(barW), "h": fmt(top + plotH - y(value)),
          "series": series, "title": title, "value": value,
        ]
        // Values written over the bars while they fit (up to two years).
        if months.count <= 24 { bar["valueY"] = fmt(y(value) - 3); bar["valueX"] = fmt(x + barW / 2) }
        bars.append(bar)
      }
      if i % labelEvery == 0 {
        labels.append(["x": fmt(left + slot * (Double(i) + 0.5)), "y": fmt(trendHeight - bottom + 16), "text": m.month])
      }
    }
    let ticks = stride(from: 0, through: axisTop, by: step).map { v -> [String: Any] in
      ["y": fmt(y(v)), "labelY": fmt(y(v) + 4), "value": v]
    }
    return [
      "width": fmt(trendWidth), "height": fmt(trendHeight), "left": fmt(left), "right": fmt(trendWidth - right),
      "baseline": fmt(top + plotH), "labelX": fmt(left - 6), "legendY": fmt(trendHeight - 8),
      "bars": bars, "labels": labels, "ticks": ticks,
    ]
  }

  /// One horizontal bar per severity, most severe first.
  static func severities(_ counts: [Severity: Int], catalog: MessageCatalog) -> [String: Any] {
    let (labelW, barMax, rowH) = (90.0, 300.0, 28.0)
    let peak = max(counts.values.max() ?? 0, 1)
    let rows = Severity.allCases.reversed().enumerated().map { i, s -> [String: Any] in
      let n = counts[s] ?? 0
      let w = barMax * Double(n) / Double(peak)
      let y = Double(i) * rowH + 4
      return [
        "name": s.rawValue, "label": catalog["severity.\(s.rawValue)"], "count": n, "y": fmt(y), "textY": fmt(y + 15), "x": fmt(labelW), "w": fmt(w),
        "countX": fmt(labelW + w + 6),
      ]
    }
    return ["width": fmt(labelW + barMax + 60), "height": fmt(rowH * 4 + 8), "labelX": fmt(labelW - 8), "rows": rows]
  }

  /// A step of 1, 2 or 5 times a power of ten giving about four ticks, and
  /// the axis top: a multiple of the step at or above `peak`.
  static func axis(peak: Int) -> (step: Int, top: Int) {
    let raw = max(Double(peak), 1) / 4
    var magnitude = 1
    while Double(magnitude) * 10 <= raw { magnitude *= 10 }
    let step = [1, 2, 5, 10].map { $0 * magnitude }.first { Double($0) >= raw } ?? magnitude * 10
    let top = max(step, Int((Double(max(peak, 1)) / Double(step)).rounded(.up)) * step)
    return (step, top)
  }

  static func fmt(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
  }
}
