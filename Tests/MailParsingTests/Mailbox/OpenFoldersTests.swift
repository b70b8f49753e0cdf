import Glibc
import XCTest

@testable import MailParsing

/// Files directly in a folder held open are opened by name in it; anything
/// else is left to be opened by its path.
final class OpenFoldersTests: XCTestCase {
  /// The bytes at `fd` (up to 1 KiB), then closes it.
  func contents(_ fd: Int32) -> String {
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = read(fd, &buffer, buffer.count)
    return String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
  }

  func testAFileDirectlyInAHeldFolderIsOpenedByNameAndReadsAsByPath() throws {
    let folder = try ScratchFolder()
    let cur = try folder.write("M/cur/1:2,S", "From: a@x.com\n")
    let new = try folder.write("M/new/2", "From: b@y.com\n")
    let folders = OpenFolders([folder.path + "/M/cur", folder.path + "/M/new"])
    XCTAssertEqual(contents(try XCTUnwrap(folders.open(cur))), "From: a@x.com\n")
    XCTAssertEqual(contents(try XCTUnwrap(folders.open(new))), "From: b@y.com\n")
  }

  func testAPathOutsideOrBelowTheHeldFoldersIsLeftToItsPath() throws {
    let folder = try ScratchFolder()
    try folder.write("M/cur/sub/1", "From: a@x.com\n")
    try folder.write("M/curious/1", "From: a@x.com\n")
    let folders = OpenFolders([folder.path + "/M/cur"])
    XCTAssertNil(folders.open(folder.path + "/M/cur/sub/1"), "below the folder")
    XCTAssertNil(folders.open(folder.path + "/M/curious/1"), "a folder whose name starts alike")
    XCTAssertNil(folders.open(folder.path + "/M/cur"), "the folder itself")
    XCTAssertNil(folders.open("M/cur/1"), "the same name by another path")
  }

  func testAFileGoneAfterListingFailsAsOpenWouldWithItsErrno() throws {
    let folder = try ScratchFolder()
    let doomed = try folder.write("M/cur/1", "From: a@x.com\n")
    let folders = OpenFolders([folder.path + "/M/cur"])
    try FileManager.default.removeItem(atPath: doomed)
    let fd = folders.open(doomed)
    let code = errno
    XCTAssertEqual(fd, -1)
    XCTAssertEqual(code, ENOENT)
  }

  func testAFolderThatCannotBeOpenedIsLeftOut() throws {
    let folder = try ScratchFolder()
    let file = try folder.write("M/cur/1", "From: a@x.com\n")
    let folders = OpenFolders([folder.path + "/M/new", file])
    XCTAssertNil(folders.open(folder.path + "/M/new/1"), "no such folder")
    XCTAssertNil(folders.open(file + "/x"), "a file is no folder")
  }
}
