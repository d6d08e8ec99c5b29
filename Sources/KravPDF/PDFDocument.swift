import CPangoCairo

/// A colour as red, green and blue from 0 to 1.
public struct PDFColor: Hashable, Sendable {
  public var red: Double
  public var green: Double
  public var blue: Double
  public init(red: Double, green: Double, blue: Double) {
    self.red = red
    self.green = green
    self.blue = blue
  }
  /// A grey from 0 (black) to 1 (white).
  public static func gray(_ level: Double) -> PDFColor {
    PDFColor(red: level, green: level, blue: level)
  }
  public static let black = PDFColor.gray(0)
  public static let white = PDFColor.gray(1)
}

/// A font: a fontconfig family, a size in points, bold or not, italic or not.
public struct PDFFont: Hashable, Sendable {
  public var family: String
  public var size: Double
  public var bold: Bool
  public var italic: Bool
  public init(
    family: String = "DejaVu Sans", size: Double = 10, bold: Bool = false, italic: Bool = false
  ) {
    self.family = family
    self.size = size
    self.bold = bold
    self.italic = italic
  }
  /// DejaVu Sans (fonts-dejavu-core): every Norwegian letter, and the thin spaces amounts use.
  public static func sans(_ size: Double, bold: Bool = false) -> PDFFont {
    PDFFont(size: size, bold: bold)
  }
  public static func mono(_ size: Double, bold: Bool = false) -> PDFFont {
    PDFFont(family: "DejaVu Sans Mono", size: size, bold: bold)
  }
}

public enum PDFAlign: Sendable, Hashable {
  case left, center, right
}

public enum PDFError: Error, CustomStringConvertible, Equatable {
  case cairo(String)
  case image(path: String, reason: String)

  public var description: String {
    switch self {
    case .cairo(let s): return "PDF: \(s)"
    case .image(let p, let r): return "image \(p): \(r)"
    }
  }
}

/// An A4 (or other size) PDF drawn with cairo, text laid out by pango.
///
/// Units are millimetres from the top left corner of the page. Drawing is recorded per page
/// and replayed onto cairo's PDF surface by `finish()`, so page numbers can name the total
/// ("Side 1 av 3"). Text is measured on the same surface it is drawn on, so wrapping and the
/// heights callers lay out with match the PDF exactly.
///
/// Not thread-safe: one document per thread.
public final class PDFDocument {
  public static let a4Width = 210.0
  public static let a4Height = 297.0
  /// Points per millimetre (PDF user space is 1/72 inch).
  static let pt = 72.0 / 25.4

  public let width: Double
  public let height: Double
  /// How page numbers read, given the page's number and the total in its section; nil for
  /// none. Drawn centred at `pageNumberY`.
  public var pageNumberText: ((Int, Int) -> String)? = nil
  public var pageNumberY: Double = 287
  public var pageNumberFont = PDFFont.sans(8)

  enum Op {
    case text(
      String, x: Double, y: Double, width: Double?, font: PDFFont, align: PDFAlign, color: PDFColor)
    case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, color: PDFColor)
    case rect(
      x: Double, y: Double, w: Double, h: Double, fill: PDFColor?, stroke: PDFColor?,
      lineWidth: Double)
    case image(path: String, x: Double, y: Double, w: Double, h: Double)
  }

  struct Page {
    var ops: [Op] = []
    var section: Int
    var numbered: Bool
  }

  var pages: [Page] = []
  var section = 0
  let sink: ByteSink
  let surface: OpaquePointer
  let cr: OpaquePointer
  let context: OpaquePointer
  let measure: OpaquePointer
  var fonts: [PDFFont: OpaquePointer] = [:]
  var images: [String: OpaquePointer] = [:]
  var finished = false

  /// A new document with one empty page. `title` goes into the PDF's metadata.
  public init(
    width: Double = PDFDocument.a4Width, height: Double = PDFDocument.a4Height, title: String? = nil
  ) throws {
    self.width = width
    self.height = height
    let sink = ByteSink()
    self.sink = sink
    var s: OpaquePointer?
    // The bytes are collected by a stream callback, so the caller decides where and how
    // durably they are written (the store's letters are temp file, fsync, rename).
    s = cairo_pdf_surface_create_for_stream(
      { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let doc = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        doc.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
      }, Unmanaged.passUnretained(sink).toOpaque(), width * PDFDocument.pt, height * PDFDocument.pt)
    guard let s, cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
      throw PDFError.cairo("cannot create a PDF surface")
    }
    surface = s
    if let title { cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title) }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Krav")
    cr = cairo_create(s)!
    context = pango_cairo_create_context(cr)!
    // Metrics not hinted to a pixel grid: a PDF has none, and hinting would make measured
    // widths depend on the size.
    let options = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
    pango_cairo_context_set_font_options(context, options)
    cairo_font_options_destroy(options)
    measure = pango_layout_new(context)!
    pages = [Page(section: 0, numbered: true)]
  }

  /// Where the stream callback puts the bytes (a separate object, so `self` is not needed
  /// before all stored properties are set).
  final class ByteSink { var bytes: [UInt8] = [] }

  deinit {
    for (_, f) in fonts { pango_font_description_free(f) }
    for (_, i) in images { cairo_surface_destroy(i) }
    krav_g_object_unref(UnsafeMutableRawPointer(measure))
    krav_g_object_unref(UnsafeMutableRawPointer(context))
    cairo_destroy(cr)
    cairo_surface_destroy(surface)
  }

  /// Pages so far.
  public var pageCount: Int { pages.count }

  /// Starts a new page. A `blank` page (the filler that lets the next letter of a print batch
  /// start on an odd page) gets no page number and does not count in its section.
  public func newPage(blank: Bool = false) {
    pages.append(Page(section: section, numbered: !blank))
  }

  /// Starts a new section on a new page (unless the current page is still empty): page
  /// numbers count from 1 again within each section (one letter of a print batch).
  public func newSection() {
    section += 1
    if pages.count == 1 && pages[0].ops.isEmpty {
      pages[0].section = section
    } else {
      pages.append(Page(section: section, numbered: true))
    }
  }

  /// Number of numbered pages in the current section.
  public var sectionPageCount: Int {
    pages.reduce(0) { $0 + ($1.section == section && $1.numbered ? 1 : 0) }
  }

  func font(_ f: PDFFont) -> OpaquePointer {
    if let d = fonts[f] { return d }
    let d = pango_font_description_new()!
    pango_font_description_set_family(d, f.family)
    pango_font_description_set_absolute_size(d, f.size * Double(krav_pango_scale()))
    pango_font_description_set_weight(d, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
    pango_font_description_set_style(d, f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
    fonts[f] = d
    return d
  }

  func configure(
    _ layout: OpaquePointer, _ s: String, width: Double?, font f: PDFFont, align: PDFAlign
  ) {
    pango_layout_set_font_description(layout, font(f))
    if let width {
      pango_layout_set_width(layout, Int32(width * PDFDocument.pt * Double(krav_pango_scale())))
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    } else {
      pango_layout_set_width(layout, -1)
    }
    switch align {
    case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
    case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
    }
    pango_layout_set_text(layout, s, -1)
  }

  /// The size of `s` in millimetres when set in `font`, wrapped at `width` if given.
  public func measure(_ s: String, width: Double? = nil, font: PDFFont = .sans(10)) -> (
    width: Double, height: Double
  ) {
    configure(measure, s, width: width, font: font, align: .left)
    var w: Int32 = 0
    var h: Int32 = 0
    pango_layout_get_size(measure, &w, &h)
    let scale = Double(krav_pango_scale()) * PDFDocument.pt
    return (Double(w) / scale, Double(h) / scale)
  }

  /// Draws `s` with its top left at (x, y); with a `width` it wraps at word boundaries (or
  /// within a word too long for a line) and `align` places each line within the width; without
  /// one, `.right` and `.center` align to x. Returns the height used, in millimetres.
  @discardableResult
  public func text(
    _ s: String, x: Double, y: Double, width: Double? = nil, font: PDFFont = .sans(10),
    align: PDFAlign = .left, color: PDFColor = .black
  ) -> Double {
    let size = measure(s, width: width, font: font)
    var left = x
    if width == nil {
      if align == .right { left = x - size.width }
      if align == .center { left = x - size.width / 2 }
    }
    pages[pages.count - 1].ops.append(
      .text(
        s, x: left, y: y, width: width, font: font, align: width == nil ? .left : align,
        color: color))
    return size.height
  }

  /// A straight line, `width` in millimetres.
  public func line(
    x1: Double, y1: Double, x2: Double, y2: Double, width: Double = 0.25, color: PDFColor = .black
  ) {
    pages[pages.count - 1].ops.append(
      .line(x1: x1, y1: y1, x2: x2, y2: y2, width: width, color: color))
  }

  /// A rectangle, filled and/or outlined (a bar of a chart, a box, a shaded row).
  public func rectangle(
    x: Double, y: Double, width w: Double, height h: Double, fill: PDFColor? = nil,
    stroke: PDFColor? = nil, lineWidth: Double = 0.25
  ) {
    pages[pages.count - 1].ops.append(
      .rect(x: x, y: y, w: w, h: h, fill: fill, stroke: stroke, lineWidth: lineWidth))
  }

  /// A PNG image with its top left at (x, y), scaled to `width` or `height` (millimetres)
  /// keeping its proportions, or to fit inside both when both are given. Returns its size.
  @discardableResult
  public func image(
    png path: String, x: Double, y: Double, width: Double? = nil, height: Double? = nil
  ) throws
    -> (width: Double, height: Double)
  {
    let (w, h) = try imageSize(png: path, width: width, height: height)
    pages[pages.count - 1].ops.append(.image(path: path, x: x, y: y, w: w, h: h))
    return (w, h)
  }

  /// The size a PNG would be drawn at by `image` with the same `width` and `height`.
  public func imageSize(png path: String, width: Double? = nil, height: Double? = nil) throws
    -> (width: Double, height: Double)
  {
    let img = try pngSurface(path)
    let pw = Double(cairo_image_surface_get_width(img))
    let ph = Double(cairo_image_surface_get_height(img))
    guard pw > 0, ph > 0 else { throw PDFError.image(path: path, reason: "empty image") }
    var w = width ?? (height.map { $0 * pw / ph } ?? pw / 96 * 25.4)
    var h = w * ph / pw
    if let height, h > height {
      h = height
      w = h * pw / ph
    }
    return (w, h)
  }

  func pngSurface(_ path: String) throws -> OpaquePointer {
    if let i = images[path] { return i }
    guard let i = cairo_image_surface_create_from_png(path) else {
      throw PDFError.image(path: path, reason: "cannot read")
    }
    let status = cairo_surface_status(i)
    guard status == CAIRO_STATUS_SUCCESS else {
      let reason = String(cString: cairo_status_to_string(status))
      cairo_surface_destroy(i)
      throw PDFError.image(path: path, reason: reason)
    }
    images[path] = i
    return i
  }

  /// Renders every page and returns the PDF's bytes. The document cannot be drawn on after.
  public func finish() throws -> [UInt8] {
    precondition(!finished, "PDFDocument.finish called twice")
    finished = true
    let layout = pango_layout_new(context)!
    defer { krav_g_object_unref(UnsafeMutableRawPointer(layout)) }
    var totals: [Int: Int] = [:]
    for p in pages where p.numbered { totals[p.section, default: 0] += 1 }
    var numberInSection: [Int: Int] = [:]
    let k = PDFDocument.pt
    for page in pages {
      for op in page.ops {
        switch op {
        case .text(let s, let x, let y, let width, let font, let align, let color):
          configure(layout, s, width: width, font: font, align: align)
          cairo_set_source_rgb(cr, color.red, color.green, color.blue)
          cairo_move_to(cr, x * k, y * k)
          pango_cairo_show_layout(cr, layout)
        case .line(let x1, let y1, let x2, let y2, let w, let color):
          cairo_set_source_rgb(cr, color.red, color.green, color.blue)
          cairo_set_line_width(cr, w * k)
          cairo_move_to(cr, x1 * k, y1 * k)
          cairo_line_to(cr, x2 * k, y2 * k)
          cairo_stroke(cr)
        case .rect(let x, let y, let w, let h, let fill, let stroke, let lw):
          cairo_rectangle(cr, x * k, y * k, w * k, h * k)
          if let fill {
            cairo_set_source_rgb(cr, fill.red, fill.green, fill.blue)
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
          }
          if let stroke {
            cairo_set_source_rgb(cr, stroke.red, stroke.green, stroke.blue)
            cairo_set_line_width(cr, lw * k)
            cairo_stroke(cr)
          }
        case .image(let path, let x, let y, let w, let h):
          guard let img = images[path] else { continue }
          let pw = Double(cairo_image_surface_get_width(img))
          let ph = Double(cairo_image_surface_get_height(img))
          cairo_save(cr)
          cairo_translate(cr, x * k, y * k)
          cairo_scale(cr, w * k / pw, h * k / ph)
          cairo_set_source_surface(cr, img, 0, 0)
          cairo_paint(cr)
          cairo_restore(cr)
        }
      }
      if page.numbered, let label = pageNumberText {
        let n = (numberInSection[page.section] ?? 0) + 1
        numberInSection[page.section] = n
        let s = label(n, totals[page.section] ?? n)
        configure(layout, s, width: width, font: pageNumberFont, align: .center)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_move_to(cr, 0, pageNumberY * k)
        pango_cairo_show_layout(cr, layout)
      }
      cairo_show_page(cr)
    }
    cairo_surface_finish(surface)
    let status = cairo_surface_status(surface)
    guard status == CAIRO_STATUS_SUCCESS else {
      throw PDFError.cairo(String(cString: cairo_status_to_string(status)))
    }
    return sink.bytes
  }
}
