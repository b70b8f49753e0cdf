public enum MailAuditVersion { public static let string = "0.1.0" }
