import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.formats.IParser.OutputStyle;
import org.hl7.fhir.r5.formats.JsonParser;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidationEngine;
import org.hl7.fhir.validation.instance.advisor.BasePolicyAdvisorForFullValidation;

/**
 * Batch driver for the HL7 FHIR validator engine (org.hl7.fhir.validation), the correctness oracle of
 * `npm run oracle`. The published CLI jar is not on Maven Central at a version whose dependencies are all
 * served, so this drives ValidationEngine directly: one JVM start, many files.
 *
 * Usage: OracleRunner --out FILE [--ig FOLDER]... FILE...
 * Writes a Bundle (collection) of OperationOutcomes, each tagged with the operationoutcome-file extension.
 */
public class OracleRunner {
  private static final String FILE_EXT = "http://hl7.org/fhir/StructureDefinition/operationoutcome-file";

  public static void main(String[] args) throws Exception {
    String out = null;
    List<String> igs = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) out = args[++i];
      else if (args[i].equals("--ig")) igs.add(args[++i]);
      else files.add(args[i]);
    }
    if (out == null) throw new IllegalArgumentException("--out FILE is required");

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
    // Settings that match what our validator checks (see docs/oracle.md): references to resources outside
    // the file are not resolved (the CLI's default without -check-references), and example.org URLs
    // (reserved for examples, RFC 2606) are allowed as the IG Publisher allows them in examples.
    engine.setPolicyAdvisor(new BasePolicyAdvisorForFullValidation(ReferenceValidationPolicy.IGNORE, new HashSet<>()));
    engine.setAllowExampleUrls(true);

    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.COLLECTION);
    for (String file : files) {
      OperationOutcome outcome;
      try {
        byte[] source = Files.readAllBytes(Path.of(file));
        FhirFormat format = file.endsWith(".xml") ? FhirFormat.XML : FhirFormat.JSON;
        outcome = engine.validate(source, format, new ArrayList<>(), new ArrayList<ValidationMessage>());
      } catch (Throwable e) {
        outcome = new OperationOutcome();
        outcome.addIssue()
          .setSeverity(OperationOutcome.IssueSeverity.FATAL)
          .setCode(OperationOutcome.IssueType.EXCEPTION)
          .getDetails().setText("validator exception: " + e);
      }
      outcome.addExtension(FILE_EXT, new StringType(file));
      bundle.addEntry().setResource(outcome);
    }
    JsonParser json = new JsonParser();
    json.setOutputStyle(OutputStyle.PRETTY);
    Files.write(Path.of(out), json.composeBytes(bundle));
    System.err.println("validated " + files.size() + " file(s)");
  }
}
