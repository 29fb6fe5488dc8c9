import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.formats.IParser.OutputStyle;
import org.hl7.fhir.r5.formats.JsonParser;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CanonicalResource;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.utils.validation.IResourceValidator;
import org.hl7.fhir.r5.utils.validation.IValidatorResourceFetcher;
import org.hl7.fhir.r5.utils.validation.IValidatorResourceFetcher.ResourceVersionInformation;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidationEngine;
import org.hl7.fhir.validation.instance.advisor.BasePolicyAdvisorForFullValidation;

/**
 * Batch driver for the HL7 FHIR validator engine (org.hl7.fhir.validation), the correctness oracle of
 * `npm run oracle`. The published CLI jar is not on Maven Central at a version whose dependencies are all
 * served, so this drives ValidationEngine directly: one JVM start, many files.
 *
 * Usage: OracleRunner --out FILE [--ig FOLDER]... [--resolve-from FOLDER]... FILE...
 * Writes a Bundle (collection) of OperationOutcomes, each tagged with the operationoutcome-file extension.
 *
 * Cache mode (`npm run oracle -- --corpus`): OracleRunner --out-dir DIR [--ig ...] [--resolve-from ...] FILE...
 * Writes each file's OperationOutcome to DIR/<sha-256 of the file's bytes, hex>.json as soon as it is
 * validated (written to a temporary name, then renamed), so a long run that stops keeps what it did and
 * the caller's cache is keyed by content. Prints a progress line on stderr every 25 files.
 *
 * Timing mode (`npm run bench`): OracleRunner --timing WARMUP RUNS [--check FILE]... [--ig ...] [--resolve-from ...] FILE...
 * With the same engine setup, validates each FILE WARMUP times untimed, then RUNS times, each run timed alone
 * (System.nanoTime, the file's bytes parsed every run, as a user's call would), and each --check FILE once (its
 * error count only: the bench's invalid copies). Prints one line of JSON on stdout:
 * {"timings":[{"file","errors","runs","medianMs","p90Ms","p95Ms","meanMs","minMs"}],"checks":[{"file","errors"}]}.
 */
public class OracleRunner {
  private static final String FILE_EXT = "http://hl7.org/fhir/StructureDefinition/operationoutcome-file";

  public static void main(String[] args) throws Exception {
    String out = null;
    String outDir = null;
    List<String> igs = new ArrayList<>();
    List<String> resolveFrom = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    int warmup = -1;
    int runs = -1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) out = args[++i];
      else if (args[i].equals("--out-dir")) outDir = args[++i];
      else if (args[i].equals("--ig")) igs.add(args[++i]);
      else if (args[i].equals("--resolve-from")) resolveFrom.add(args[++i]);
      else if (args[i].equals("--check")) checks.add(args[++i]);
      else if (args[i].equals("--timing")) {
        warmup = Integer.parseInt(args[++i]);
        runs = Integer.parseInt(args[++i]);
      } else files.add(args[i]);
    }
    if (runs < 1 && out == null && outDir == null) throw new IllegalArgumentException("--out FILE, --out-dir DIR or --timing WARMUP RUNS is required");

    ValidationEngine engine = engine(igs, resolveFrom);
    if (runs >= 1) {
      System.out.println(timings(engine, files, checks, warmup, runs));
      return;
    }
    if (outDir != null) {
      validateInto(engine, files, Path.of(outDir));
      return;
    }

    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.COLLECTION);
    for (String file : files) {
      OperationOutcome outcome = outcomeOf(engine, Files.readAllBytes(Path.of(file)), file);
      outcome.addExtension(FILE_EXT, new StringType(file));
      bundle.addEntry().setResource(outcome);
    }
    JsonParser json = new JsonParser();
    json.setOutputStyle(OutputStyle.PRETTY);
    Files.write(Path.of(out), json.composeBytes(bundle));
    System.err.println("validated " + files.size() + " file(s)");
  }

  /** One outcome per file, never throwing: an exception of the engine becomes a fatal issue of that file. */
  private static OperationOutcome outcomeOf(ValidationEngine engine, byte[] source, String file) {
    try {
      return validateOnce(engine, source, file);
    } catch (Throwable e) {
      OperationOutcome outcome = new OperationOutcome();
      outcome.addIssue()
        .setSeverity(OperationOutcome.IssueSeverity.FATAL)
        .setCode(OperationOutcome.IssueType.EXCEPTION)
        .getDetails().setText("validator exception: " + e);
      return outcome;
    }
  }

  /** Cache mode: each outcome in DIR/<sha-256>.json, written as soon as the file is done. */
  static void validateInto(ValidationEngine engine, List<String> files, Path dir) throws Exception {
    Files.createDirectories(dir);
    JsonParser json = new JsonParser();
    json.setOutputStyle(OutputStyle.PRETTY);
    long started = System.nanoTime();
    for (int i = 0; i < files.size(); i++) {
      String file = files.get(i);
      byte[] source = Files.readAllBytes(Path.of(file));
      long t = System.nanoTime();
      OperationOutcome outcome = outcomeOf(engine, source, file);
      long ms = (System.nanoTime() - t) / 1_000_000;
      outcome.addExtension(FILE_EXT, new StringType(file));
      String hash = sha256(source);
      Path tmp = dir.resolve(hash + ".json.tmp");
      Files.write(tmp, json.composeBytes(outcome));
      Files.move(tmp, dir.resolve(hash + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      if (ms > 10_000) System.err.println("slow: " + file + " took " + ms + " ms");
      if ((i + 1) % 25 == 0 || i + 1 == files.size()) {
        System.err.println(String.format(Locale.ROOT, "validated %d/%d file(s) in %.0f s", i + 1, files.size(), (System.nanoTime() - started) / 1e9));
      }
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    StringBuilder hex = new StringBuilder();
    for (byte b : java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) hex.append(String.format("%02x", b));
    return hex.toString();
  }

  /** The engine as the oracle and the bench use it: packages and IG folders loaded once, settings of docs/oracle.md. */
  static ValidationEngine engine(List<String> igs, List<String> resolveFrom) throws Exception {
    // No terminology server: -tx n/a of the CLI.
    ValidationEngine engine = new ValidationEngine.ValidationEngineBuilder()
      .withVersion("5.0.0")
      .withNoTerminologyServer()
      .withCanRunWithoutTerminologyServer(true)
      .fromSource("hl7.fhir.r5.core#5.0.0");
    // Folders, not package ids: a package id makes the loader follow package.json dependencies, and
    // hl7.terminology.r5#7.0.1 and hl7.fhir.uv.extensions.r5 name each other at versions not in the cache.
    for (String ig : igs) {
      engine.getIgLoader().loadIg(engine.getIgs(), engine.getBinaries(), ig, false);
    }
    engine.prepare();
    // Settings that match what our validator checks (see docs/oracle.md). References are resolved only
    // against the IG's examples (no server): a reference that resolves has its target type checked, one
    // that does not is left alone. Example URLs (example.org, RFC 2606) are allowed, as the IG Publisher
    // allows them in examples.
    engine.setFetcher(new ExampleFetcher(engine, resolveFrom));
    engine.setPolicyAdvisor(new BasePolicyAdvisorForFullValidation(ReferenceValidationPolicy.CHECK_TYPE_IF_EXISTS, new HashSet<>()));
    engine.setAllowExampleUrls(true);
    return engine;
  }

  private static OperationOutcome validateOnce(ValidationEngine engine, byte[] source, String file) throws Exception {
    FhirFormat format = file.endsWith(".xml") ? FhirFormat.XML : FhirFormat.JSON;
    return engine.validate(source, format, new ArrayList<>(), new ArrayList<ValidationMessage>());
  }

  private static int errors(OperationOutcome outcome) {
    int count = 0;
    for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
      if (issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL) count++;
    }
    return count;
  }

  /** Nearest-rank percentile, as scripts/bench/timing.ts takes it. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
    return sorted[rank];
  }

  private static String jsonString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Warm per-resource time of each file (the JSON line of timing mode). */
  static String timings(ValidationEngine engine, List<String> files, List<String> checks, int warmup, int runs) throws Exception {
    StringBuilder json = new StringBuilder("{\"timings\":[");
    for (int f = 0; f < files.size(); f++) {
      String file = files.get(f);
      byte[] source = Files.readAllBytes(Path.of(file));
      OperationOutcome last = null;
      for (int i = 0; i < warmup; i++) last = validateOnce(engine, source, file);
      double[] samples = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        last = validateOnce(engine, source, file);
        samples[i] = (System.nanoTime() - start) / 1e6;
      }
      double sum = 0;
      for (double x : samples) sum += x;
      double[] sorted = samples.clone();
      java.util.Arrays.sort(sorted);
      if (f > 0) json.append(',');
      json.append(String.format(Locale.ROOT, "{\"file\":%s,\"errors\":%d,\"runs\":%d,\"medianMs\":%.4f,\"p90Ms\":%.4f,\"p95Ms\":%.4f,\"meanMs\":%.4f,\"minMs\":%.4f}",
        jsonString(file), errors(last), runs, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 95), sum / runs, sorted[0]));
      System.err.println("timed " + file);
    }
    json.append("],\"checks\":[");
    for (int c = 0; c < checks.size(); c++) {
      String file = checks.get(c);
      if (c > 0) json.append(',');
      json.append(String.format(Locale.ROOT, "{\"file\":%s,\"errors\":%d}", jsonString(file), errors(validateOnce(engine, Files.readAllBytes(Path.of(file)), file))));
    }
    return json.append("]}").toString();
  }

  /**
   * The engine's fallback fetcher (the engine looks in its loaded packages first, then asks this): resolves
   * `Type/id`, relative or absolute, to a resource of the given folders, and nothing else.
   */
  static class ExampleFetcher implements IValidatorResourceFetcher {
    private final ValidationEngine engine;
    private final Map<String, byte[]> resources = new HashMap<>();

    ExampleFetcher(ValidationEngine engine, List<String> folders) throws IOException {
      this.engine = engine;
      for (String folder : folders) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(folder), "*.json")) {
          for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            JsonObject json = org.hl7.fhir.utilities.json.parser.JsonParser.parseObject(bytes);
            if (json.has("resourceType") && json.has("id")) resources.put(json.asString("resourceType") + "/" + json.asString("id"), bytes);
          }
        }
      }
    }

    private static String key(String url) {
      String[] parts = url.split("[/]");
      return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : url;
    }

    @Override
    public Element fetch(IResourceValidator validator, Object appContext, String url) throws FHIRException, IOException {
      byte[] found = url == null || url.startsWith("#") || url.startsWith("urn:") ? null : resources.get(key(url));
      return found == null ? null : Manager.parseSingle(engine.getContext(), new ByteArrayInputStream(found), FhirFormat.JSON);
    }

    @Override
    public boolean resolveURL(IResourceValidator validator, Object appContext, String path, String url, IWorkerContext.VersionResolutionRules rules, String type, boolean canonical, List<CanonicalType> targets) throws IOException, FHIRException {
      return false;
    }

    @Override
    public byte[] fetchRaw(IResourceValidator validator, String url) throws IOException {
      return null;
    }

    @Override
    public IValidatorResourceFetcher setLocale(Locale locale) {
      return this;
    }

    @Override
    public CanonicalResource fetchCanonicalResource(IResourceValidator validator, Object appContext, String url) throws URISyntaxException {
      return null;
    }

    @Override
    public boolean fetchesCanonicalResource(IResourceValidator validator, String url) {
      return false;
    }

    @Override
    public Set<ResourceVersionInformation> fetchCanonicalResourceVersions(IResourceValidator validator, Object appContext, String url) {
      return new HashSet<>();
    }
  }
}
