namespace TlsServer.Engine;

/// <summary>
/// Every error id the module raises, engine and cmdlets alike: a script that catches one, or a test that pins it, finds
/// it here and, by searching for the constant, where it is raised. Each constant is its own name.
/// </summary>
public static class ErrorIds
{
    // --- Option values out of range (limits: ServerLimits)
    public const string PortOutOfRange = nameof(PortOutOfRange);
    public const string HandshakeTimeoutOutOfRange = nameof(HandshakeTimeoutOutOfRange);
    public const string IdleTimeoutOutOfRange = nameof(IdleTimeoutOutOfRange);
    public const string ConnectionLimitOutOfRange = nameof(ConnectionLimitOutOfRange);
    public const string MaxHandshakeMessageSizeOutOfRange = nameof(MaxHandshakeMessageSizeOutOfRange);
    public const string ReceiveBufferLimitOutOfRange = nameof(ReceiveBufferLimitOutOfRange);
    public const string MaxConnectionsOutOfRange = nameof(MaxConnectionsOutOfRange);
    public const string SessionHistoryLimitOutOfRange = nameof(SessionHistoryLimitOutOfRange);
    public const string MaxSendFragmentOutOfRange = nameof(MaxSendFragmentOutOfRange);
    public const string ReadBufferSizeOutOfRange = nameof(ReadBufferSizeOutOfRange);
    public const string MtuOutOfRange = nameof(MtuOutOfRange);
    public const string AssociationLimitOutOfRange = nameof(AssociationLimitOutOfRange);
    public const string SessionCacheSizeOutOfRange = nameof(SessionCacheSizeOutOfRange);
    public const string SessionCacheTimeoutOutOfRange = nameof(SessionCacheTimeoutOutOfRange);
    public const string StatusTimeoutOutOfRange = nameof(StatusTimeoutOutOfRange);
    public const string KeyingMaterialLengthOutOfRange = nameof(KeyingMaterialLengthOutOfRange);
    public const string MessageLimitOutOfRange = nameof(MessageLimitOutOfRange);
    public const string VerifyDepthOutOfRange = nameof(VerifyDepthOutOfRange);

    // --- Protocol versions, cipher suites, groups, signature schemes
    public const string NoProtocol = nameof(NoProtocol);
    public const string ProtocolRangeEmpty = nameof(ProtocolRangeEmpty);
    public const string ProtocolNotSupported = nameof(ProtocolNotSupported);
    public const string DtlsWithTls = nameof(DtlsWithTls);
    public const string CipherStringInvalid = nameof(CipherStringInvalid);
    public const string CipherStringNoMatch = nameof(CipherStringNoMatch);
    public const string CipherSuiteUnknown = nameof(CipherSuiteUnknown);
    public const string NoCipherSuite = nameof(NoCipherSuite);
    public const string NoUsableCipherSuite = nameof(NoUsableCipherSuite);
    public const string NoTls13CipherSuite = nameof(NoTls13CipherSuite);
    public const string GroupUnknown = nameof(GroupUnknown);
    public const string SignatureAlgorithmUnknown = nameof(SignatureAlgorithmUnknown);
    public const string DhParameterFileNotFound = nameof(DhParameterFileNotFound);
    public const string DhParameterFileUnreadable = nameof(DhParameterFileUnreadable);
    public const string DhParametersInvalid = nameof(DhParametersInvalid);

    // --- Transports: TCP, Unix sockets, DTLS
    public const string ListenNeedsDtls = nameof(ListenNeedsDtls);
    public const string DtlsOptionsWithoutDtls = nameof(DtlsOptionsWithoutDtls);
    public const string StreamOptionsWithDtls = nameof(StreamOptionsWithDtls);
    public const string AcceptConflict = nameof(AcceptConflict);
    public const string AcceptAddressInvalid = nameof(AcceptAddressInvalid);
    public const string UnixSocketDtls = nameof(UnixSocketDtls);
    public const string UnixSocketWithAddress = nameof(UnixSocketWithAddress);
    public const string UnlinkNeedsUnixSocket = nameof(UnlinkNeedsUnixSocket);
    public const string PortInUse = nameof(PortInUse);
    public const string PortAccessDenied = nameof(PortAccessDenied);
    public const string AddressNotAvailable = nameof(AddressNotAvailable);
    public const string AddressFamilyNotSupported = nameof(AddressFamilyNotSupported);
    public const string AddressFamilyMismatch = nameof(AddressFamilyMismatch);
    public const string AddressNotResolved = nameof(AddressNotResolved);
    public const string ListenFailed = nameof(ListenFailed);
    public const string UnixSocketAccessDenied = nameof(UnixSocketAccessDenied);
    public const string UnixSocketInUse = nameof(UnixSocketInUse);
    public const string UnixSocketPathIsDirectory = nameof(UnixSocketPathIsDirectory);
    public const string UnixSocketPathExists = nameof(UnixSocketPathExists);

    // --- Server credentials
    public const string CertificateSourceConflict = nameof(CertificateSourceConflict);
    public const string NoCertificateConflict = nameof(NoCertificateConflict);
    public const string NoCertificateWithTls13 = nameof(NoCertificateWithTls13);
    public const string DsaWithTls13 = nameof(DsaWithTls13);
    public const string KeyWithoutCertificate = nameof(KeyWithoutCertificate);
    public const string AdditionalCertificateSameKeyType = nameof(AdditionalCertificateSameKeyType);
    public const string ServerNameInvalid = nameof(ServerNameInvalid);
    public const string ServerNameCertificateMissing = nameof(ServerNameCertificateMissing);
    public const string ServerNameCertificateInvalid = nameof(ServerNameCertificateInvalid);
    public const string CertificateNotFound = nameof(CertificateNotFound);
    public const string CertificateFileNotFound = nameof(CertificateFileNotFound);
    public const string CertificateFileUnreadable = nameof(CertificateFileUnreadable);
    public const string CertificateInvalid = nameof(CertificateInvalid);
    public const string KeyFileNotFound = nameof(KeyFileNotFound);
    public const string KeyFileUnreadable = nameof(KeyFileUnreadable);
    public const string KeyInvalid = nameof(KeyInvalid);
    public const string KeyMismatch = nameof(KeyMismatch);
    public const string KeyNotFound = nameof(KeyNotFound);
    public const string KeyPasswordRequired = nameof(KeyPasswordRequired);
    public const string KeyPasswordIncorrect = nameof(KeyPasswordIncorrect);
    public const string KeyTypeNotSupported = nameof(KeyTypeNotSupported);
    public const string CertificateHasNoPrivateKey = nameof(CertificateHasNoPrivateKey);
    public const string PasswordSourceInvalid = nameof(PasswordSourceInvalid);
    public const string PasswordSourceNotFound = nameof(PasswordSourceNotFound);
    public const string EngineUnsupportedKey = nameof(EngineUnsupportedKey);

    // --- Pre-shared keys and SRP
    public const string PskIdentityWithoutPsk = nameof(PskIdentityWithoutPsk);
    public const string PskIdentityInvalid = nameof(PskIdentityInvalid);
    public const string PskNotHex = nameof(PskNotHex);
    public const string PskTooLong = nameof(PskTooLong);
    public const string PskIdentityHintWithoutPsk = nameof(PskIdentityHintWithoutPsk);
    public const string PskIdentityHintNotInTls13 = nameof(PskIdentityHintNotInTls13);
    public const string SrpUserSeedWithoutVerifierPath = nameof(SrpUserSeedWithoutVerifierPath);
    public const string SrpNeedsTls12 = nameof(SrpNeedsTls12);
    public const string SrpVerifierFileNotReadable = nameof(SrpVerifierFileNotReadable);
    public const string SrpVerifierFileInvalid = nameof(SrpVerifierFileInvalid);

    // --- Client certificates: trust and verification
    public const string CAFileNotFound = nameof(CAFileNotFound);
    public const string CAFileUnreadable = nameof(CAFileUnreadable);
    public const string CAFileInvalid = nameof(CAFileInvalid);
    public const string CAPathNotFound = nameof(CAPathNotFound);
    public const string CAPathFileUnreadable = nameof(CAPathFileUnreadable);
    public const string CAPathFileInvalid = nameof(CAPathFileInvalid);
    public const string CRLFileNotFound = nameof(CRLFileNotFound);
    public const string CRLFileUnreadable = nameof(CRLFileUnreadable);
    public const string CRLFileInvalid = nameof(CRLFileInvalid);
    public const string VerifyOptionUnknown = nameof(VerifyOptionUnknown);
    public const string VerifyOptionNotSupported = nameof(VerifyOptionNotSupported);
    public const string VerifyOptionInvalid = nameof(VerifyOptionInvalid);
    public const string VerifyDepthConflict = nameof(VerifyDepthConflict);

    // --- Resumption
    public const string SessionContextTooLong = nameof(SessionContextTooLong);
    public const string SessionIdPrefixTooLong = nameof(SessionIdPrefixTooLong);

    // --- Extensions: ALPN, NPN, OCSP stapling, serverinfo
    public const string NextProtocolNegotiationNotSupported = nameof(NextProtocolNegotiationNotSupported);
    public const string AlpnProtocolInvalid = nameof(AlpnProtocolInvalid);
    public const string AlpnFatalWithoutAlpn = nameof(AlpnFatalWithoutAlpn);
    public const string AlpnOptionalWithoutAlpn = nameof(AlpnOptionalWithoutAlpn);
    public const string AlpnFatalWithAlpnOptional = nameof(AlpnFatalWithAlpnOptional);
    public const string StatusSourceConflict = nameof(StatusSourceConflict);
    public const string StatusWithoutCertificate = nameof(StatusWithoutCertificate);
    public const string StatusFileNotReadable = nameof(StatusFileNotReadable);
    public const string StatusFileInvalid = nameof(StatusFileInvalid);
    public const string OcspIssuerNotFound = nameof(OcspIssuerNotFound);
    public const string OcspFetchFailed = nameof(OcspFetchFailed);
    public const string OcspResponderNotFound = nameof(OcspResponderNotFound);
    public const string OcspResponderUrlInvalid = nameof(OcspResponderUrlInvalid);
    public const string ServerInfoFileNotReadable = nameof(ServerInfoFileNotReadable);
    public const string ServerInfoFileInvalid = nameof(ServerInfoFileInvalid);

    // --- Diagnostics
    public const string KeyLogNotWritable = nameof(KeyLogNotWritable);
    public const string TraceFileNotWritable = nameof(TraceFileNotWritable);

    // --- Application modes
    public const string DocumentRootMissing = nameof(DocumentRootMissing);
    public const string DocumentRootWithoutFileMode = nameof(DocumentRootWithoutFileMode);
    public const string DocumentRootNotFound = nameof(DocumentRootNotFound);

    // --- s_server options that only OpenSSL has
    public const string Tls13TicketsNotSupported = nameof(Tls13TicketsNotSupported);
    public const string EarlyDataNotSupported = nameof(EarlyDataNotSupported);
    public const string BugWorkaroundsNotSupported = nameof(BugWorkaroundsNotSupported);
    public const string CompressionNotSupported = nameof(CompressionNotSupported);
    public const string AsyncJobsNotSupported = nameof(AsyncJobsNotSupported);
    public const string PipelinesNotSupported = nameof(PipelinesNotSupported);
    public const string RandomSeedNotSupported = nameof(RandomSeedNotSupported);

    // --- Engines
    public const string EngineUnsupportedParameter = nameof(EngineUnsupportedParameter);

    // --- Servers and sessions
    public const string ServerNotFound = nameof(ServerNotFound);
    public const string SessionNotFound = nameof(SessionNotFound);
    public const string SessionClosed = nameof(SessionClosed);
    public const string SessionBusy = nameof(SessionBusy);
    public const string SessionNotEstablished = nameof(SessionNotEstablished);
    public const string SessionNotInteractive = nameof(SessionNotInteractive);
    public const string SendFailed = nameof(SendFailed);
    public const string WaitTimedOut = nameof(WaitTimedOut);
    public const string ReceiveTimedOut = nameof(ReceiveTimedOut);

    // --- Connected commands
    public const string AlertDescriptionOutOfRange = nameof(AlertDescriptionOutOfRange);
    public const string UnknownAlertDescription = nameof(UnknownAlertDescription);
    public const string RenegotiationOptionConflict = nameof(RenegotiationOptionConflict);
    public const string PostHandshakeAuthNotOffered = nameof(PostHandshakeAuthNotOffered);
    public const string RenegotiationRequiresClientCertificate = nameof(RenegotiationRequiresClientCertificate);
    public const string HelloRequestNotInTls13 = nameof(HelloRequestNotInTls13);
    public const string KeyUpdateRequiresTls13 = nameof(KeyUpdateRequiresTls13);
    public const string KeyUpdateNotSupported = nameof(KeyUpdateNotSupported);
    public const string HelloRequestNotSupported = nameof(HelloRequestNotSupported);
    public const string SendAlertNotSupported = nameof(SendAlertNotSupported);
    public const string RenegotiationNotSupported = nameof(RenegotiationNotSupported);
    public const string PostHandshakeAuthNotSupported = nameof(PostHandshakeAuthNotSupported);

    // --- Test PKI (New-TlsCertificate, New-TlsCrl)
    public const string ValidityPeriodInvalid = nameof(ValidityPeriodInvalid);
    public const string SubjectInvalid = nameof(SubjectInvalid);
    public const string ExtendedKeyUsageInvalid = nameof(ExtendedKeyUsageInvalid);
    public const string IPAddressInvalid = nameof(IPAddressInvalid);
    public const string RevokedWithoutSigner = nameof(RevokedWithoutSigner);
    public const string SignerHasNoPrivateKey = nameof(SignerHasNoPrivateKey);
    public const string FileNotWritten = nameof(FileNotWritten);
    public const string PrivateKeyNotExportable = nameof(PrivateKeyNotExportable);

    // --- Parameters the cmdlets check (lists, spellings, conflicts, selection)
    public const string EmptyListElement = nameof(EmptyListElement);
    public const string ParameterConflict = nameof(ParameterConflict);
    public const string PlaintextNotBytes = nameof(PlaintextNotBytes);
    public const string SServerOptionSpelling = nameof(SServerOptionSpelling);
    public const string ServerNotUnique = nameof(ServerNotUnique);
    public const string UnknownProtocol = nameof(UnknownProtocol);

    // --- Faults (New-TlsFault, Start-TlsServer -Fault)
    public const string ExtensionAllowedInEncryptedExtensions = nameof(ExtensionAllowedInEncryptedExtensions);
    public const string ExtensionDataTooLong = nameof(ExtensionDataTooLong);
    public const string FaultChainTooShort = nameof(FaultChainTooShort);
    public const string FaultNeedsCertificate = nameof(FaultNeedsCertificate);
    public const string FaultNeedsSessionTickets = nameof(FaultNeedsSessionTickets);
    public const string FaultNeedsTcp = nameof(FaultNeedsTcp);
    public const string FaultNeedsTls12 = nameof(FaultNeedsTls12);
    public const string FaultNeedsTls13 = nameof(FaultNeedsTls13);
    public const string FaultPointNotAllowed = nameof(FaultPointNotAllowed);
    public const string FaultRecordTypeNotAllowed = nameof(FaultRecordTypeNotAllowed);
    public const string FaultSettingOutOfRange = nameof(FaultSettingOutOfRange);
    public const string FaultStallExceedsHandshakeTimeout = nameof(FaultStallExceedsHandshakeTimeout);
    public const string FaultsConflict = nameof(FaultsConflict);
    public const string FaultsNeedBouncyCastleEngine = nameof(FaultsNeedBouncyCastleEngine);
    public const string FaultsNotSupportedWithDtls = nameof(FaultsNotSupportedWithDtls);
    public const string RecordVersionInvalid = nameof(RecordVersionInvalid);
    public const string TooManyFaults = nameof(TooManyFaults);
    public const string UnknownExtensionType = nameof(UnknownExtensionType);
}
