import Foundation

/// `ppc-report-ja.txt`: the PPC leak report (漏えい等報告) as plain text to
/// paste into the Commission's online form, item by item: what mailaudit
/// knows filled in, 【要記入】 where a person must write, the triggers a
/// person must judge as questions, and the 速報/確報 dates.
public enum PPCReportText {
  /// The text of `pack`, worded by its own catalogue (Japanese for the
  /// file of that name).
  public static func render(_ pack: RegulatorPack) throws -> String {
    let c = try MessageCatalog.load(Language(code: pack.language) ?? .english)
    let d = pack.incident
    let t = pack.thresholds
    let blank = c["ppc.blank"]
    var lines: [String] = [
      c.text("ppc.title", ["id": d.id]),
      c.text("ppc.generated", ["at": pack.generatedAt, "tool": pack.tool]),
      c["ppc.howTo"],
      "",
      c["ppc.triggersHeading"],
      c.text(
        "ppc.people", ["people": d.people, "threshold": t.peopleThreshold])
        + (t.overPeopleThreshold ? c["ppc.over"] : c["ppc.notOver"]),
      c.text("ppc.publicBody", ["threshold": t.publicBodyThreshold])
        + (t.overPublicBodyThreshold ? c["ppc.over"] : c["ppc.notOver"])
        + (t.publicBody ? c["ppc.isPublicBody"] : c["ppc.notPublicBody"]),
      c["ppc.questions"],
      "  " + c["ppc.sensitive"] + " " + blank,
      "  " + c["ppc.financial"] + " " + blank,
      "  " + c["ppc.unlawful"] + " " + blank,
      t.mandatoryByCount ? c["ppc.mandatory"] : c["ppc.notMandatoryByCount"],
      "",
      c["ppc.deadlinesHeading"],
    ]
    if let dl = pack.deadlines {
      lines += [
        c.text("ppc.discovered", ["at": dl.discovered]),
        c.text("ppc.preliminary", ["at": dl.appiPreliminary]),
        c.text("ppc.final", ["at": dl.appiFinal]),
      ]
    } else {
      lines.append(c["ppc.noDiscovered"])
    }
    for field in pack.appi {
      lines.append("")
      lines.append("■ " + field.title)
      if let filled = field.filled { lines.append(filled) }
      if let toWrite = field.toWrite { lines.append(blank + toWrite) }
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }
}
