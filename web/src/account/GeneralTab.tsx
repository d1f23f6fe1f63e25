export default function GeneralTab() {
  return null;
}
