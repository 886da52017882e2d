/// The files of the page at GET /, compiled into the binary from Page/ (SwiftPM's embedInCode):
/// the server needs nothing beside it, and the page loads nothing from anywhere else.
enum PageAsset {
    case html, stylesheet, script

    var bytes: [UInt8] {
        switch self {
        case .html: PackageResources.index_html
        case .stylesheet: PackageResources.page_css
        case .script: PackageResources.page_js
        }
    }

    var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .stylesheet: "text/css; charset=utf-8"
        case .script: "text/javascript; charset=utf-8"
        }
    }
}
