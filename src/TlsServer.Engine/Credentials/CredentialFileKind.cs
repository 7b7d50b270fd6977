namespace TlsServer.Engine.Credentials;

/// <summary>What a file read at start holds: the word its errors use, and the id of each way reading it can fail.</summary>
internal sealed record CredentialFileKind(string Word, string NotFoundId, string UnreadableId, string InvalidId)
{
    public static readonly CredentialFileKind Certificate =
        new("certificate", ErrorIds.CertificateFileNotFound, ErrorIds.CertificateFileUnreadable, ErrorIds.CertificateInvalid);

    public static readonly CredentialFileKind Key = new("key", ErrorIds.KeyFileNotFound, ErrorIds.KeyFileUnreadable, ErrorIds.KeyInvalid);

    public static readonly CredentialFileKind CAFile = new("CA", ErrorIds.CAFileNotFound, ErrorIds.CAFileUnreadable, ErrorIds.CAFileInvalid);

    /// <summary>A file of a -CAPath folder: listed a moment before, so a file gone since counts as unreadable.</summary>
    public static readonly CredentialFileKind CAPathFile =
        new("CA folder's", ErrorIds.CAPathFileUnreadable, ErrorIds.CAPathFileUnreadable, ErrorIds.CAPathFileInvalid);

    public static readonly CredentialFileKind Crl = new("CRL", ErrorIds.CRLFileNotFound, ErrorIds.CRLFileUnreadable, ErrorIds.CRLFileInvalid);

    public static readonly CredentialFileKind DhParameters =
        new("DH parameter", ErrorIds.DhParameterFileNotFound, ErrorIds.DhParameterFileUnreadable, ErrorIds.DhParametersInvalid);
}
