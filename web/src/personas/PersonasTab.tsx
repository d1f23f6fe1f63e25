export default function PersonasTab() {
  return null;
}
