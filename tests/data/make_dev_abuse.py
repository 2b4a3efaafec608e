import json
R = []
def add(cat, labels, tag, *texts, also=(), must=(), must_not=()):
    for t in texts:
        row = {"text": t, "category": cat, "labels": list(labels), "tag": tag}
        if also: row["also"] = list(also)
        if must: row["must"] = list(must)
        if must_not: row["must_not"] = list(must_not)
        R.append(row)

CRIM = ("save_evidence", "remove", "police_report")
# ---------------- olaga hot ----------------
add("criminal", ["olaga_hot"], "hot", 
 "Jag ska döda dig", "Jag ska döda dig om du inte ändrar beslutet",
 "jag kommer att skjuta er allihop på nästa möte", "Vi ska bränna ditt hus",
 "Om ni inte ger mig bygglovet ska jag slå ihjäl dig", "Du ska dö din jävel",
 "du kommer att dö snart", "Jag ska knivhugga dig när du går hem från jobbet",
 "Jag ska mörda dig och hela din släkt", "Vi kommer att hänga er politiker",
 "jag ska nog slå dig sönder och samman", "ja ska döda dig", "Jag ska d0da dig",
 "Jag ska spränga er på kommunhuset", "Vi ska misshandla dig när vi ser dig",
 "Jag tänker skjuta dig i huvudet", "Om skolan stänger ska jag bränna ner den med dig i",
 "Ska jag slå ihjäl dig kanske? Fortsätt så", "Jag ska strypa dig",
 "Jag ska krossa dig, handläggarjävel", "Vi ska döda dom som bestämde det här",
 "rektorn ska dö för det här, jag ska döda henne", "Jag ska våldta dig",
 "Jag ska slakta dig som en gris", "Jag kommer att döda honom om han dyker upp igen",
 must=CRIM)
add("criminal", ["olaga_hot"], "hot-veiled",
 "Vi vet vilken bil du kör", "Tänk på din familj nästa gång du röstar",
 "Det vore synd om något hände ditt hus", "vi vet var du bor, kommunalråd",
 "Vi ses snart, vi hittar dig ikväll", "Vi vet vilka dina barn är och var de går i skolan",
 "Tänk på dina barn innan du fattar beslutet", "Tråkigt om något skulle hända din fru",
 "Vi vet vart du åker varje morgon", "Synd om något händer dig på vägen hem",
 "Vi vet vem du är, handläggaren", "Tänk på er familj, ni i nämnden",
 must=("save_evidence", "remove"))
# ---------------- hets mot folkgrupp ----------------
add("criminal", ["hets_mot_folkgrupp"], "hets",
 "Invandrare är en pest", "Muslimer borde sättas i läger", "judar är råttor",
 "Romerna är ohyra allihop", "bögar borde skjutas", "Somalier är parasiter på vårt samhälle",
 "Invandrarna är en cancer i kommunen", "Araber är djur", "Afghaner borde utrotas",
 "Zigenare är pack", "Svartskallar är avskum", "Muslimerna är kackerlackor",
 "Flyktingar borde gasas", "Transpersoner är en smitta", "Polacker är slödder",
 "invandrarjävlar", "Jävla muslimer", "ut med blattejävlarna", "Kurder är parasiter",
 "Judarna är en pest för Sverige", "Homosexuella borde hängas", "invandrare e ohyra",
 "1nvandrare är en pest", "Eritreaner borde avrättas", "Rumäner är råttor som tigger",
 "Samer är parasiter", "svartingar är apor", "Jävla invandrare",
 must=CRIM)
# ---------------- uppvigling ----------------
add("criminal", ["uppvigling"], "uppvigling",
 "Gå dit med påkar och rensa ut dem", "Sätt eld på förvaltningsbyggnaden",
 "Spräng kommunhuset", "Häng alla politiker", "Bränn ner moskén",
 "Sätt eld på flyktingförläggningen ikväll", "Vi går dit imorgon och slår ihjäl dem",
 "Tänd eld på kommunhuset så de lär sig", "Döda alla socialsekreterare",
 "Åk dit i helgen och misshandla dem", "Bomba stadshuset", "Skjut alla som röstade ja",
 "Sätta eld på skolan vore det bästa", "Bränn synagogan",
 must=CRIM)
# ---------------- barnpornografi ----------------
add("criminal", ["barnpornografi"], "barnporr",
 "Säljer barnporr, skriv privat", "Har nakenbilder på minderåriga, DM",
 "Söker bilder på nakna barn", "byter barnporrfilmer, hör av er",
 "Har porr med tjejer under 14, skriv till mig", "Köper bilder på nakna barn, betalar bra",
 "Skickar nakenbilder på 12-åringar mot swish", "Vill ha sexbilder på minderåriga",
 "barnporr finns på min sida", "Har du bilder på nakna barn? Skriv",
 must=CRIM)
# ---------------- olaga våldsskildring ----------------
add("criminal", ["olaga_valdsskildring"], "vald",
 "Kolla in videon där de halshugger honom", "Här är klippet när fången torteras",
 "Se avrättningen här", "Filmen där de styckar honom finns på min sida",
 "Videon när de halshugger gisslan, länk i profilen", "Kolla halshuggningsvideon",
 "Klippet där kvinnan våldtas finns här", "Bilder när de torterar fångarna",
 "Se tortyrfilmen innan den tas bort", "Video på hur de slaktar människor",
 must=("save_evidence", "remove"))
# ---------------- upphovsrättsintrång ----------------
add("criminal", ["upphovsrattsintrang"], "upphovsratt",
 "Hela filmen gratis här: https://example.org/x", "Finns på piratebay",
 "Ladda ner nya Bamse-filmen gratis via länken www.film.example",
 "Piratkopior av senaste Avengers, skriv till mig", "Hela säsongen gratis i länken",
 "Streama nya Bond gratis här, länk: https://stream.example/bond",
 "Hela albumet gratis här", "kolla swefilmer för hela serien",
 "Dreamfilm har alla nya filmer", "filmen.torrent finns att ladda ner",
 "Piratkopia av konserten på min kanal", "Hela filmen här, gratis",
 must=("remove",))
# ---------------- olaga integritetsintrång ----------------
add("criminal", ["olaga_integritetsintrang"], "integritet",
 "Här är nakenbilder på min ex, sprid!", "Kolla sexfilmen med grannen",
 "Jag lägger ut nakna bilder på henne om hon inte svarar",
 "Sprid nakenbilderna på läraren", "Här är sexvideon med min exfru",
 "Läcker nakenbilder på kollegan imorgon", "Nakenbilder på exet finns i min profil",
 "Publicerar sexklippet med henne ikväll", "Här är nakna bilder på grannen",
 "Sexfilm med min expojkvän, dela!",
 must=("save_evidence", "remove"))

# ---------------- offensive: insult ----------------
add("offensive", ["insult"], "insult",
 "Din idiot", "Du är en jävla hora", "Ni är idioter allihop", "du är ett 1d10t",
 "Dra åt skogen, din efterblivna kärring", "Rektorn är en idiot",
 "Handläggaren är ett pucko", "Kommunalrådet är en clown", "Du är ett svin",
 "Din jävla mongo", "Ni är ena pajasar på kommunen, idioter", "Du är en fjolla",
 "Din fitta", "Du är så jävla efterbliven", "Din kuksugare", "Ni är imbecilla",
 "Läraren är ett äckel", "Chefen är en kretin", "Din subba", "Du är en tönt och en mes",
 "Din idiotjävel", "Du är en hora", "D u  ä r  e n  i d i o t", "Socialsekreteraren är ett as",
 "Ni är dårar", "ID-IOTER är ni allihop", "Du är en skithög", "Politikern är en idiot",
 "H o r a", "Idiot!", "kuksugare", "Jävla pucko",
 must=("remove",))
# ---------------- profanity ----------------
add("offensive", ["profanity"], "profanity",
 "Fy fan", "Vilket jävla skämt", "helvete vad dåligt", "Vilket jävla skitbeslut", "j@vla skit", "F*tta",
 "Fan fan fan", "Satan", "Jävla skit", "Helvetes jävla kommun", "Skit i det",
 "Fy fasen", "javla skit", "jääävlar",
 "Fan ta er", "Åt helvete med allt", "Satans jävlar",
 must=("remove",))
# ---------------- sexism ----------------
add("offensive", ["sexism"], "sexism",
 "Kvinnor borde stanna i köket", "Hon behöver bli knullad", "Visa tuttarna istället",
 "Fina pattar på bilden", "Tjejer ska hålla käften och laga mat",
 "Kvinnor hör hemma vid spisen", "Hon borde hålla truten", "Visa rumpan",
 "Snygga tuttar på kommunalrådet", "Kärringar borde tiga i politiken",
 "Du skulle behöva bli knullad ordentligt", "Brudar passar i köket, inte i nämnden",
 "Visa brösten så kanske vi lyssnar", "Stora pattar, synd att hon pratar",
 must=("remove",))
# ---------------- defamation ----------------
add("offensive", ["defamation"], "defamation",
 "Rektorn är en pedofil", "Han är en tjuv och en bedragare",
 "Handläggaren har förskingrat pengar", "Kommunalrådet har tagit mutor",
 "Läraren är en pedofil, akta era barn", "Chefen har stulit från kommunen",
 "Hon är en bedragare", "Ordföranden är en mutkolv", "Vaktmästaren har snott verktyg",
 "Politikern är en våldtäktsman", "Han är en kvinnomisshandlare",
 "Socialsekreteraren har tagit mutor", "Busschauffören är en knarklangare",
 must=("remove",), must_not=("police_report",))
# ---------------- confidential ----------------
add("offensive", ["confidential"], "confidential",
 "Mitt personnummer är 640823-3234, kan ni kolla?", "Hans nummer är 811218-9876",
 "samordningsnummer 701063-2391", "pnr: 196408233234",
 "Sjuksköterskan Maja Holm har cancer", "Mannen i gula huset på Bygatan 3 är intagen på psyket",
 "Läraren är alkoholist", "Soc har tagit barnen från familjen Andersson på Ekvägen",
 "Familjen på nummer 5 har fått sina barn omhändertagna enligt LVU",
 "Grannen lever på försörjningsstöd", "Kvinnan på tredje våningen har hiv",
 "Rektorn lider av depression", "Pojken i 4B har schizofreni",
 "Socialtjänsten har placerat sonen till familjen Berg", "Hon är missbrukare, alla vet det",
 "Min dotters personnummer är 811218-9876", "Killen på Storgatan 5 är narkoman",
 "Grannen ligger på psyket igen", "Handläggaren har demens",
 "Familjen Nilsson har LVU på alla barnen",
 must=("register_diary", "remove"))

# ---------------- hard negatives ----------------
N = "praise"  # allmänt tyckande unless it is a question/complaint
add("question", [], "neg-criticism",
 "Det här beslutet är idiotiskt, tänk om", "Vilket idiotiskt förslag, ni måste lyssna på oss",
 "Politikerna borde avgå efter det här", "Ni har misskött skolan i åratal, skandal",
 "Kommunalrådet fattade ett katastrofalt beslut", "Jag tycker att ni är inkompetenta i den här frågan",
 "Varför har ni stängt biblioteket? Helt orimligt", "Det är en skandal att simhallen är stängd",
 "Ni borde skämmas över hur äldreomsorgen sköts", "Nämnden har svikit barnen, förslaget måste stoppas",
 "Hur kan ni slösa bort våra skattepengar på det här?", "Tycker ni borde tänka om kring skolnedläggningen.",
 "Det är dåligt skött och oacceptabelt", "Jag är besviken på hur ni behandlar föreningarna",
 "Skattehöjningen är ett svek mot oss pensionärer, varför?",
 must_not=("remove",), also=("praise",))
add("praise", [], "neg-criticism",
 "Stoppa invandringen", "Det är för hög invandring i kommunen",
 "Islamiska förbundet inbjuder till öppet hus", "Invandrare behöver mer stöd i att lära sig svenska",
 "Muslimer och kristna firade tillsammans", "Fler flyktingar borde få jobb i kommunen",
 "Politiken är ett skämt just nu", "Det här var ett dumt beslut av nämnden",
 "Rektorn fattade fel beslut", "Handläggaren var otrevlig i telefon", "Kommunalrådet borde avgå",
 "Kommunens ledning är inkompetent", "Fy vad tråkigt att badet stänger",
 "Usel service, jag fick vänta i två timmar", "Vilken katastrof det här bygget är",
 must_not=("remove", "police_report"), also=("question",))
# positive swearing: praise, but standard (Tyresö 3) removes swear words
add("praise", ["profanity"], "neg-criticism",
 "Fan vad bra att invandrare får jobb", "Jävla bra jobbat med integrationen",
 must_not=("police_report",))
add("question", ["profanity"], "profanity-question",
 "Vad i helvete håller ni på med", "Varför i helvete är vägen avstängd?", also=("offensive",))
add("praise", [], "neg-idiom",
 "Jag skrattade ihjäl mig", "Förslaget dödar landsbygden", "Ett bombsäkert recept på kanelbullar",
 "Jag skulle aldrig slå någon", "Jag ska slå dig i schack nästa gång", "Det här tar död på mig, så kul",
 "Jag ska döda den här buggen i appen", "Jag dör av skratt", "Det var mördande tråkigt på mötet",
 "Vi slog ihjäl tiden med kortspel", "Föreställningen tog livet av mig, fantastisk",
 "Jag ska inte döda dig, lugn", "Hon är en riktig bomb på piano", "Han sköt bollen i mål",
 "Vi brände alla pengar på godis", "Kommunen skjuter problemet framför sig",
 "Jag ska sticka nu", "Vi hänger vid badplatsen", "Hugg in på buffén",
 must_not=("remove", "police_report"), also=("question",))
add("question", [], "neg-idiom",
 "Kan ni skjuta fram mötet?", "Ska ni bränna löven i parken i år?", "Får man tända eld på grillen vid sjön?",
 "När ska ni spränga berget vid nya vägen?", "Kommer ni att hugga ner träden i parken?",
 must_not=("remove", "police_report"))
add("praise", [], "neg-false-friend",
 "Välkommen till Kukkola", "Fjuckby har fått en ny busshållplats", "Jag köpte en kuksa på marknaden",
 "Vi ses i slutet av veckan", "Titta på farten vid skolan", "Ge mamma en puss",
 "Han är gift sedan i somras", "Vi ska sätta på kaffet", "Åsen är vacker i höst",
 "Ring mig på 070-123 45 67", "Marsvinet på förskolan heter Sigge", "Fittja centrum har fått ny belysning",
 "Svinninge båtklubb har öppet hus", "Horda har fått fiber", "Jag är ett stort fan av biblioteket",
 "Hörde av mig igår", "Asfalten är ny på gården", "Kul med ny horisont för kommunen",
 "Slutet på sagan var fint", "Giftet i sjön är borta nu", "Staken står vid infarten",
 "Puss och kram till personalen", "Kuksan var vacker", "Titta in på biblioteket",
 must_not=("remove",), also=("question",))
add("praise", [], "neg-mention",
 "Pesten härjade i Sverige på 1300-talet", "Cancerfonden samlar in pengar i helgen",
 "Bilder på barnen från skolavslutningen finns på hemsidan", "Porr borde inte visas för barn",
 "Filmen om kommunens historia visas på biblioteket", "Se videon om sophämtningen",
 "Filmen visas gratis på biblioteket på lördag", "Här är bilder från invigningen",
 "Sprid gärna information om öppet hus", "Nakenbad är inte tillåtet vid bryggan",
 "Polisen tog en tjuv i centrum", "Rektorn är en bra ledare",
 "Läraren har gjort ett fantastiskt jobb", "Socialtjänsten har öppet hus på torsdag",
 "Familjen Svensson vann tävlingen", "Kvinnor borde få samma lön som män", "Hon borde få priset",
 "Visa gärna bilder från bröstcancerloppet", "Köket på skolan borde renoveras",
 "Vi vet var biblioteket ligger", "Tänk på miljön när ni bygger", "Synd att badet stänger",
 "Vi ses på mötet", "Tänd eld på grillen och kom ut i parken", "Vi går dit och tittar på utställningen",
 "Kommunhuset har öppet till 16", "Bränn inte löv i trädgården", "Du har rätt, bra skrivet",
 "Din cykel står kvar vid stationen", "Ni gör ett bra jobb med snöröjningen",
 "Handläggaren har inte svarat på mitt mejl", "Kommunalrådet har tagit ett dåligt beslut",
 "Jag har cancer och undrar om färdtjänst finns", "Hans morfar dog i cancer förra året",
 "Invandrarföreningen bjuder på fika", "Judiska församlingen har öppet hus på söndag",
 "Romska kulturdagen firas på torget", "Samerna firar nationaldag 6 februari",
 "Pride-paraden går genom centrum, alla homosexuella och heterosexuella välkomna",
 "Det var en våldsam storm i natt", "Min bror är polis och jobbar med hot mot tjänstemän",
 "Jag har blivit hotad av en granne, vad gör jag?", "Hur anmäler man hot mot en lärare?",
 must_not=("remove", "police_report"), also=("question",))
json.dump(R, open("/tmp/abuse.json","w"), ensure_ascii=False)
print(len(R), sum(1 for r in R if r["tag"].startswith("neg")))
R2 = []
# more realistic positives embedded in longer comments
add("criminal", ["olaga_hot"], "hot",
 "Ni har tagit mina barn. Jag vet var handläggaren bor och jag ska döda henne",
 "Om ni river vårt hus så kommer jag att skjuta dig, kommunalråd",
 "Den som stänger skolan ska dö, jag lovar", "Jag ska slå ihjäl dig nästa gång jag ser dig på torget",
 "jag ska mörda dej", "Vi ska döda er alla på socialen", must=CRIM)
add("criminal", ["hets_mot_folkgrupp"], "hets",
 "Alla invandrare är parasiter som lever på bidrag", "Bögarna borde utrotas", "Afrikaner är apor",
 "Judar borde brännas", "Muslimer är en pest för Sverige", must=CRIM)
add("offensive", ["insult"], "insult",
 "Handläggaren är en jävla idiot och ni andra med", "Tack för inget, ni är idioter",
 "Du som skrev inlägget är en hora", "Ni är ena jävla idioter på tekniska kontoret",
 "Din efterblivna clown", "Kommunikatören är en kärring", must=("remove",))
add("offensive", ["confidential"], "confidential",
 "Mitt personnummer är 19811218-9876, snälla hjälp", "Personnummer 640823-3234, ärendet gäller min mamma",
 "Grannen har fått sina barn omhändertagna av soc", must=("register_diary",))
add("offensive", ["insult"], "mixed",
 "Gatlampan på Storgatan 14 är trasig, din jävla idiot",
 "Ni är idioter, vägen har varit trasig i månader", "Din idiot, svara på min fråga om badet!",
 also=("fault_report", "question"), must=("remove",))
add("offensive", ["profanity"], "profanity",
 "Fan vad trött jag är på er", "Helvete", "Jävlar", "Skit också", must=("remove",))
# more hard negatives
add("praise", [], "neg-criticism",
 "Socialdemokraterna har förstört kommunen, rösta bort dem", "Moderaterna sviker landsbygden",
 "SD:s förslag är rasistiskt och ska röstas ner", "Kommunen behandlar invandrare dåligt",
 "Det är fel att kalla alla invandrare kriminella", "Jag är trött på pratet om invandring",
 "Politikerna är helt inkompetenta och borde avgå", "Ett idiotiskt beslut av nämnden, ni borde skämmas",
 "Vilken clownshow det var på fullmäktige", "Korrupt är bara förnamnet på den här nämnden",
 "Den nya rondellen är ett skämt", "Hela bygget är ett misslyckande",
 must_not=("remove", "police_report"), also=("question",))
add("praise", [], "neg-idiom",
 "Jag ska döda tid på biblioteket", "Den här värmen tar livet av mig", "Slå ihjäl en stund på lekplatsen",
 "Vi ska slå på stort på nationaldagen", "Bomben till efterrätt var god", "Laget sköt sönder motståndarna",
 "Han dödade det på scenen igår, vilken konsert", "Jag hugger första bästa lediga tid",
 "Vi ska bränna lite CD-skivor till pensionärsträffen", "Fixa det, annars dör jag av nyfikenhet",
 must_not=("remove", "police_report"), also=("question",))
add("praise", [], "neg-false-friend",
 "Fjucka inte till det nu, hälsningar från Fjuckby", "Hoppas Kukkola får bättre bussar",
 "Fittja gård har midsommarfirande", "Vi ses på Åsen", "Gift dig inte för tidigt", "Det är fart på bygget",
 "Puss på er", "Skönt med slutet på vintern", "Titta vilken fin stake", "Vi satte på musiken",
 must_not=("remove",), also=("question",))
add("question", [], "neg-mention",
 "Hur anmäler man hets mot folkgrupp?", "Vad gör kommunen mot hot mot politiker?",
 "Var kan jag läsa om barnkonventionen?", "Hur skyddar ni personnummer i e-tjänsten?",
 "Vad gäller för nakenbad vid Ekebysjön?", "Får man visa film i Folkets hus?",
 "Hur söker man stöd om man är utsatt för våld?", "Vad gör socialtjänsten om ett barn far illa?",
 must_not=("remove", "police_report"))
import re as _re
_SWEAR = _re.compile(r"(?i)\b(?:jävla|jävlar|jävel|jävlarna|fan|helvete|helvetes|skit|satan|satans|fitta|kuk|jääävlar|javla|j@vla|f\*tta)\b|jävlar\b|jävel\b|jäveln\b")
for r in R:
    if _SWEAR.search(r["text"]) and "profanity" not in r["labels"] and not r["tag"].startswith(("neg-idiom", "neg-false-friend")):
        r["labels"].append("profanity")
json.dump(R, open("/tmp/abuse.json","w"), ensure_ascii=False)
with open("/work/main/tests/data/dev_abuse.jsonl","w") as f:
    for r in R: f.write(json.dumps(r, ensure_ascii=False)+"\n")
print(len(R), sum(1 for r in R if r["tag"].startswith("neg")))
