// The part of dcmjs (which ships no types) that the converters use: its data dictionary (tags,
// VRs and keywords, for the KOS reader and writer) and its SOP class names.
declare module 'dcmjs' {
  type Entry = { tag: string; vr: string; vm: string; name: string };
  export const data: {
    DicomMetaDictionary: {
      dictionary: Record<string, Entry | undefined>;
      nameMap: Record<string, Entry | undefined>;
      sopClassNamesByUID: Record<string, string | undefined>;
    };
  };
}
