import Testing
@testable import MLAuditScanner

/// The byte-level shortcuts of per-call and per-file checks give what the general
/// checks they stand in front of give.
@Suite struct FastPathTests {
    @Test(arguments: [
        "import hashlib\n", "x = SHA256(data)\n", "h.hexdigest()", "CheckSum = 1", "no digest here", "sha1 alone", "sha1(b)",
        "blake2b", "mD5", "# résumé md5", "naïve", "", "hashli", "md5\u{301}", "chec\u{212A}sum", "\u{130}s", "sha512",
    ])
    func digestWordsAsBytesAgreeWithUnicodeSearch(text: String) {
        let bytes = Array(text.utf8)
        if let fast = PythonHTTPDownloads.asciiMentionsDigest(bytes) {
            #expect(fast == PythonHTTPDownloads.unicodeMentionsDigest(bytes))
        }
        #expect(PythonHTTPDownloads.mentionsDigest(bytes) == PythonHTTPDownloads.unicodeMentionsDigest(bytes))
    }

    @Test func kelvinSignAndDottedCapitalIAreLeftToTheUnicodeSearch() {
        #expect(PythonHTTPDownloads.asciiMentionsDigest(Array("chec\u{212A}sum".utf8)) == nil)
        #expect(PythonHTTPDownloads.mentionsDigest(Array("chec\u{212A}sum".utf8)))
        #expect(PythonHTTPDownloads.asciiMentionsDigest(Array("\u{130}".utf8)) == nil)
    }

    @Test func readerLookupMatchesTryingEveryReaderInOrder() {
        let catalogue = DataFileCatalogue.shared
        let names = ["pandas.read_csv", "numpy.load", "torch.load", "open", "io.open", "tarfile.open", "polars.scan_parquet",
                     "numpy.save", "torch.nn.Linear", "PIL.Image.open", "datasets.load_from_disk", "x.open", "pandas"]
        for name in names {
            let slow = catalogue.readers.firstIndex { $0.names.matches(name) }
            let fast = catalogue.reader(for: name)
            #expect((slow == nil) == (fast == nil), "\(name)")
            if let slow, let fast {
                #expect(catalogue.readers[slow].path == fast.path, "\(name)")
            }
        }
    }

    @Test func loaderPrefiltersPassEveryListedName() {
        for entry in HubRevisionRule.hubLoaderTable {
            for name in entry.names { #expect(HubRevisionRule.hubLoader(name) != nil, "\(name)") }
        }
        #expect(HubRevisionRule.hubLoader("torch.nn.Linear") == nil)
        for entry in UncheckedDownloadRule.pythonDownloaderTable {
            for name in entry.names { #expect(UncheckedDownloadRule.pythonDownloaderNames.mayMatch(name), "\(name)") }
        }
        #expect(!UncheckedDownloadRule.pythonDownloaderNames.mayMatch("requests.get"))
        #expect(NamePrefilter([["a.*"], ["b"]]).mayMatch("zzz"))
    }

    @Test func mentionPrefilterOnARangeAgreesWithTheSlice() {
        let text = #"x = "data/train.csv" + '/home/a' + "a~b" + r"C:\x" + "$HOME" + "a /b" + "=/c" + "" + "é/x""#
        let bytes = Array(text.utf8)
        for start in 0..<bytes.count {
            for end in start...min(bytes.count, start + 24) {
                #expect(PathClassifier.mayHoldMention(bytes, start..<end) == PathClassifier.mayHoldMention(bytes[start..<end]))
            }
        }
    }
}

@Suite struct URLVariableTests {
    /// Reading only the lines with `://` finds the names reading every line finds, whatever the line breaks.
    @Test func urlVariablesOfBytesAgreeWithWholeText() {
        let texts = [
            "URL=https://x/a.tgz\nexport MODEL_URL=\"https://h/m.bin\"\r\nlocal X=ftp://f\nY=file://z\n  ENV BASE=http://b\nnothing here\n",
            "A=1\u{2028}B=https://x\nC=https://y",
            "readonly  R='https://r'\rS=https://s\n\u{85}T=https://t",
            "", "no scheme at all", "D=https://d",
        ]
        for text in texts {
            #expect(UncheckedDownloadRule.urlVariables(in: Array(text.utf8)) == UncheckedDownloadRule.urlVariables(text), "\(text)")
        }
        #expect(UncheckedDownloadRule.urlVariables(in: Array(texts[0].utf8)) == ["URL", "MODEL_URL", "X", "BASE"])
    }
}
